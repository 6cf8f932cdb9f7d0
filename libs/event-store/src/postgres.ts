// The PostgreSQL adapter (loads pg): `@app/event-store/postgres`.
export { PostgresEventStore, openPostgresEventStore } from './adapters/postgres/postgres-event-store';
export type { PostgresEventStoreOptions } from './adapters/postgres/postgres-event-store';
export {
  describePostgresTarget,
  isPostgresUnavailable,
  postgresReason,
} from './adapters/postgres/postgres.errors';
