/** The IndexedDB database names, shared by the Dexie schema and the Dexie-free probe. */
export const DB_NAME = 'screening-448-1';
