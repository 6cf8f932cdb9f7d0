import { join } from 'node:path';
import type { AppConfig } from '@app/config';
import { openSqliteEventStore } from '@app/event-store';
import type { EventStore } from '@app/event-store';
import { openEventStoreLayers } from '@app/privacy';
import { openSqliteReadModels } from '@app/read-models';
import type { ReadModelDb } from '@app/read-models';

/** The event store (with the same decryption layer as the API) and the read-model database. */
export async function openStores(config: AppConfig): Promise<{ store: EventStore; db: ReadModelDb; close: () => Promise<void> }> {
  const layers = await openEventStoreLayers(openSqliteEventStore(join(config.dataDir, 'events.sqlite')), config);
  const db = await openSqliteReadModels(join(config.dataDir, 'read-models.sqlite'));
  return { store: layers.app, db, close: async () => { await db.destroy(); await layers.close(); } };
}
