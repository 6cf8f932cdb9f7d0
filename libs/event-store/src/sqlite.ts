// The embedded SQLite adapter (loads better-sqlite3): `@app/event-store/sqlite`.
export { SqliteEventStore, openSqliteEventStore } from './adapters/sqlite/sqlite-event-store';
export type { SqliteEventStoreOptions } from './adapters/sqlite/sqlite-event-store';
export { reusingStatements } from './adapters/sqlite/reusing-statements';
