export * from './event-store.port';
export * from './event-store.errors';
export { DeciderStore } from './decider-store';
export type { Decider, DomainEvent, HandleOptions, Handled, Loaded } from './decider-store';
export { SqliteEventStore, openSqliteEventStore } from './adapters/sqlite/sqlite-event-store';
export type { SqliteEventStoreOptions } from './adapters/sqlite/sqlite-event-store';
