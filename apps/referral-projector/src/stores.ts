import { join } from 'node:path';
import type { AppConfig } from '@app/config';
import { openSqliteEventStore } from '@app/event-store';
import type { EventStore } from '@app/event-store';
import { openSqliteReadModels } from '@app/read-models';
import type { ReadModelDb } from '@app/read-models';

/** The event store and read-model database as configured, for the projector's processes. */
export async function openStores(config: AppConfig): Promise<{ store: EventStore; db: ReadModelDb; close: () => Promise<void> }> {
  const store = openSqliteEventStore(join(config.dataDir, 'events.sqlite'));
  const db = await openSqliteReadModels(join(config.dataDir, 'read-models.sqlite'));
  return { store, db, close: async () => { await db.destroy(); await store.close(); } };
}
