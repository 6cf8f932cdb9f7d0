import { join } from 'node:path';
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
 * if missing) or KurrentDB. Only the configured engine's driver is loaded. A server that cannot be
 * reached fails with one line naming it.
 */
export async function openEventStore(
  settings: EventStoreSettings,
  context: { dataDir: string; applicationName: string },
): Promise<EventStore> {
  switch (settings.kind) {
    case 'sqlite': {
      const { openSqliteEventStore } = await import('./adapters/sqlite/sqlite-event-store');
      return openSqliteEventStore(join(context.dataDir, 'events.sqlite'));
    }
    case 'postgres': {
      const { openPostgresEventStore } = await import('./adapters/postgres/postgres-event-store');
      return openPostgresEventStore({
        connectionString: settings.postgres.url,
        schema: settings.postgres.schema,
        poolSize: settings.postgres.poolSize,
        connectTimeoutMs: settings.postgres.connectTimeoutMs,
        applicationName: context.applicationName,
      });
    }
    case 'kurrentdb': {
      const { openKurrentDbEventStore } = await import('./adapters/kurrentdb/kurrentdb-event-store');
      return openKurrentDbEventStore({ connectionString: settings.connectionString });
    }
  }
}
