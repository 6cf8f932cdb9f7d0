export * from './event-store.port';
export * from './event-store.errors';
export { DeciderStore } from './decider-store';
export { LingeringFollowStore } from './lingering-follow';
export type { Decider, DomainEvent, HandleOptions, Handled, Loaded } from './decider-store';
export { SqliteEventStore, openSqliteEventStore } from './adapters/sqlite/sqlite-event-store';
export type { SqliteEventStoreOptions } from './adapters/sqlite/sqlite-event-store';
export { canonicalJson } from './tamper-evidence/canonical-json';
export { eventHash, verifyChain, GENESIS_HASH } from './tamper-evidence/event-hash';
export type { ChainVerification } from './tamper-evidence/event-hash';
export { HashChainedEventStore } from './tamper-evidence/hash-chained-event-store';
export { PostgresEventStore, openPostgresEventStore } from './adapters/postgres/postgres-event-store';
export type { PostgresEventStoreOptions } from './adapters/postgres/postgres-event-store';
export {
  isPostgresUnavailable,
  describePostgresTarget,
  postgresReason,
} from './adapters/postgres/postgres.errors';
export { KurrentDbEventStore, openKurrentDbEventStore } from './adapters/kurrentdb/kurrentdb-event-store';
export type { KurrentDbEventStoreOptions } from './adapters/kurrentdb/kurrentdb-event-store';
export { openEventStore } from './open-event-store';
export type { EventStoreSettings } from './open-event-store';
