export { ScreeningDb, SCHEMA_VERSION, type CaseStatus } from './db';
export { CaseStore, StorageError, referenceOf, newCaseId, type CaseContent, type CaseSummary, type CaseListItem } from './case-store';
export { createVault, unlockVault, vaultState, getDb, type VaultState } from './vault';
