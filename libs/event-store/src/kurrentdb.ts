// The KurrentDB (EventStoreDB) adapter (loads its gRPC client): `@app/event-store/kurrentdb`.
export { KurrentDbEventStore, openKurrentDbEventStore } from './adapters/kurrentdb/kurrentdb-event-store';
export type { KurrentDbEventStoreOptions } from './adapters/kurrentdb/kurrentdb-event-store';
