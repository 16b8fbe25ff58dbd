export { ScreeningDb, SCHEMA_VERSION, type CaseStatus } from './db';
export { CaseStore, StorageError, referenceOf, newCaseId, type CaseContent, type CaseSummary, type CaseListItem, type Officer, type Referral, type ReferralBasis, type ReferralStatus } from './case-store';
export { createVault, unlockVault, unlockWait, changePassphrase, getDb, forgetDb, wipeWithPassphrase, type VaultState, type UnlockResult, type UnlockRefusal, type ChangePassphraseResult } from './vault';
export { DEFAULT_POLICY, POLICY_LIMITS, checkPolicy, unlockDelaySeconds, FREE_ATTEMPTS, requestPersistentStorage, storageStatus, type DevicePolicy, type StorageStatus } from './device';
export type { AuditEntry, AuditAction, ChainCheck } from './audit';
export { exportCases, restoreCases, openBackup, createBackup, BackupError, type RestoreReport } from './backup';
export { HandoverStore, type IncomingReferral, type SentPackage } from './handover-store';
export { TrainingStore, type PracticeDetails, type PracticeListItem } from './training-store';

/** What the interview screen needs from a store: a real case and a practice run are loaded and saved alike. */
export type InterviewStore = Pick<import('./case-store').CaseStore, 'load' | 'save'>;
