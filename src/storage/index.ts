export { ScreeningDb, SCHEMA_VERSION } from './db';
export { CaseStore, StorageError, referenceOf, newCaseId, type ImportProgress } from './case-store';
export type { BackupCase, CaseContent, CaseIndexEntry, CaseListItem, CaseOutcome, CaseStatus, CaseSummary, Officer, Referral, ReferralBasis, ReferralStatus } from './types';
export { createVault, unlockVault, unlockWait, changePassphrase, getDb, forgetDb, wipeWithPassphrase, type VaultState, type UnlockResult, type UnlockRefusal, type ChangePassphraseResult } from './vault';
export { DEFAULT_POLICY, POLICY_LIMITS, checkPolicy, unlockDelaySeconds, FREE_ATTEMPTS, requestPersistentStorage, storageStatus, type DevicePolicy, type StorageStatus } from './device';
export type { AuditEntry, AuditAction, ChainCheck } from './audit';
export {
  exportCases,
  openBackup,
  planRestore,
  applyRestore,
  restoreCases,
  createBackup,
  BackupError,
  MAX_BACKUP_BYTES,
  type CaseSide,
  type ConflictChoice,
  type RestoreConflict,
  type RestorePlan,
  type RestoreReport,
  type OpenedBackup,
} from './backup';
export { openForRestore } from './restore-open';
export { HandoverStore, type IncomingReferral, type SentPackage } from './handover-store';
export { TrainingStore, type PracticeDetails, type PracticeListItem } from './training-store';

/** What the interview screen needs from a store: a real case and a practice run are loaded and saved alike. */
export type InterviewStore = Pick<import('./case-store').CaseStore, 'load' | 'save'>;
