import { join } from 'node:path';
import { openKurrentDbEventStore } from './adapters/kurrentdb/kurrentdb-event-store';
import { openPostgresEventStore } from './adapters/postgres/postgres-event-store';
import { openSqliteEventStore } from './adapters/sqlite/sqlite-event-store';
import type { EventStore } from './event-store.port';

/** Which storage engine to open, as `@app/config` validates it from EVENT_STORE and its settings. */
export type EventStoreSettings =
  | { kind: 'sqlite' }
  | {
      kind: 'postgres';
      postgres: { url: string; schema: string; poolSize: number; connectTimeoutMs: number };
    }
  | { kind: 'kurrentdb'; connectionString: string };

/**
 * Opens the configured event store: `events.sqlite` in `dataDir`, PostgreSQL (creating its table
 * if missing) or KurrentDB. A server that cannot be reached fails with one line naming it.
 */
export async function openEventStore(
  settings: EventStoreSettings,
  context: { dataDir: string; applicationName: string },
): Promise<EventStore> {
  switch (settings.kind) {
    case 'sqlite':
      return openSqliteEventStore(join(context.dataDir, 'events.sqlite'));
    case 'postgres':
      return openPostgresEventStore({
        connectionString: settings.postgres.url,
        schema: settings.postgres.schema,
        poolSize: settings.postgres.poolSize,
        connectTimeoutMs: settings.postgres.connectTimeoutMs,
        applicationName: context.applicationName,
      });
    case 'kurrentdb':
      return openKurrentDbEventStore({ connectionString: settings.connectionString });
  }
}
