export type {
  Actor, AppendResult, EventMetadata, EventMetadataInput, EventStore, ExpectedVersion, NewEvent, ReadStreamOptions, StoredEvent,
} from './event-store.port';
export { EVENT_STORE } from './event-store.port';
export { WrongExpectedVersionError, EventStoreUnavailableError } from './event-store.errors';
export { SqliteEventStore, openSqliteEventStore } from './adapters/sqlite/sqlite-event-store';
export type { SqliteEventStoreOptions } from './adapters/sqlite/sqlite-event-store';
export { DeciderStore } from './decider-store';
export type { Decider, DomainEvent, HandleOptions, Handled, Loaded } from './decider-store';
export { followByPolling } from './follow';
