export { ScreeningDb, SCHEMA_VERSION, type CaseStatus } from './db';
export { CaseStore, StorageError, referenceOf, newCaseId, type CaseContent, type CaseSummary, type CaseListItem, type Officer, type Referral, type ReferralBasis, type ReferralStatus } from './case-store';
export { createVault, unlockVault, vaultState, getDb, forgetDb, wipeWithPassphrase, type VaultState, type UnlockResult } from './vault';
export { DEFAULT_POLICY, POLICY_LIMITS, checkPolicy, requestPersistentStorage, storageStatus, type DevicePolicy, type StorageStatus } from './device';
export type { AuditEntry, AuditAction, ChainCheck } from './audit';
export { exportCases, restoreCases, openBackup, createBackup, BackupError, type RestoreReport } from './backup';
