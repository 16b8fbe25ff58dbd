declare module 'pouchdb-browser' {
  const PouchDB: new (name: string, options?: object) => unknown;
  export default PouchDB;
}
