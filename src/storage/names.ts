/** Names and versions shared by the Dexie schema and the Dexie-free modules (the probe, the restore worker). */
export const DB_NAME = 'screening-448-1';

/** The schema version bound into every ciphertext's associated data. */
export const SCHEMA_VERSION = 1;

/** The meta row a restore leaves while its new cases are staged and not yet listed (CaseStore.beginStaging). */
export const STAGING_MARK = 'restoreStaging';
