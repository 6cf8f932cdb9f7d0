import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { HashChainedEventStore } from '@app/event-store';
import type { EventStore } from '@app/event-store';
import type { DataKeyTables } from './data-key.database';
import type { DataKeyStore } from './data-key.store';
import { createDataKeyStore, openSqliteDataKeyStore } from './data-key.store';
import type { EncryptingEventStoreOptions } from './encrypting-event-store';
import { EncryptingEventStore } from './encrypting-event-store';
import { BlindIndex } from './blind-index';
import { resolveMasterKey } from './master-key';

export type EventStoreLayers = {
  /** What is stored: hash-chained, personal data encrypted. For verification. */
  audit: EventStore;
  /** What the application reads and writes: personal data in the clear, or `[erased]`. */
  app: EncryptingEventStore;
  keys: DataKeyStore;
  /** Keyed tokens of names, dates of birth and NHS numbers, for search and duplicate checks. */
  blindIndex: BlindIndex;
  close(): Promise<void>;
};

export type EventStoreLayerSettings = {
  dataDir: string;
  dataKeyMaster?: string;
  nodeEnv: string;
  /**
   * The database every instance shares (PostgreSQL), holding the data keys; without it they live in
   * `DATA_DIR/data-keys.sqlite` (the embedded default, one machine). Stays the caller's to destroy.
   */
  keyDatabase?: Kysely<DataKeyTables>;
};

/**
 * Puts the tamper-evidence and encryption layers on a storage engine, in the one order that lets the
 * chain cover ciphertext (so erasure never breaks it). Every process that touches events uses this.
 */
export async function openEventStoreLayers(
  engine: EventStore,
  settings: EventStoreLayerSettings,
  options: EncryptingEventStoreOptions = {},
): Promise<EventStoreLayers> {
  const master = resolveMasterKey({
    configured: settings.dataKeyMaster,
    nodeEnv: settings.nodeEnv,
    dataDir: settings.dataDir,
  });
  const keys = settings.keyDatabase
    ? await createDataKeyStore(settings.keyDatabase, master)
    : await openSqliteDataKeyStore(join(settings.dataDir, 'data-keys.sqlite'), master);
  const audit = new HashChainedEventStore(engine);
  const app = new EncryptingEventStore(audit, keys, options);
  return {
    audit,
    app,
    keys,
    blindIndex: BlindIndex.fromMaster(master),
    close: async () => {
      await app.close();
      await keys.close();
    },
  };
}
