import { createHash, createPrivateKey } from 'node:crypto';
import { join } from 'node:path';
import { HashChainedEventStore } from '@app/event-store';
import { openSqliteEventStore } from '@app/event-store/sqlite';
import type { EventStore } from '@app/event-store';
import {
  EncryptingEventStore,
  openEventStoreLayers,
  openSqliteDataKeyStore,
  parseMasterKey,
} from '@app/privacy';

/** The master key of every bench data folder (base64 of 32 bytes); the API children get it as DATA_KEY_MASTER. */
// Fixed so cached histories stay readable between runs, and random-looking, as production requires.
export const BENCH_MASTER_KEY = createHash('sha256').update('bench master key').digest('base64');
/** The Ed25519 key the bench's production-mode processes sign checkpoints with (fixed, like the master key). */
export const BENCH_AUDIT_SIGNING_KEY = createPrivateKey({
  key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.alloc(32, 9)]),
  format: 'der',
  type: 'pkcs8',
})
  .export({ format: 'pem', type: 'pkcs8' })
  .toString();

export type Layered = {
  /** The SQLite adapter alone. */
  engine: EventStore;
  /** What the API reads and writes: hash chain and personal-data encryption over the engine. */
  app: EventStore;
  close: () => Promise<void>;
};

/** The event store as the API layers it, on `dataDir/events.sqlite` and `dataDir/data-keys.sqlite`. */
export async function openLayered(
  dataDir: string,
  synchronous: 'FULL' | 'NORMAL' = 'FULL',
): Promise<Layered> {
  const engine = openSqliteEventStore(join(dataDir, 'events.sqlite'), { synchronous });
  const layers = await openEventStoreLayers(engine, {
    dataDir,
    dataKeyMaster: BENCH_MASTER_KEY,
    nodeEnv: 'production',
  });
  return { engine, app: layers.app, close: () => layers.close() };
}

/**
 * The same layers in the same order, with the key file written without syncs: for generating data
 * sets only. The API's key store syncs every new key (one per referral), which would make writing
 * 200,000 referrals take many minutes; what is written, and how it reads back, is the same.
 */
export async function openLayeredForBulkWrite(dataDir: string): Promise<Layered> {
  const engine = openSqliteEventStore(join(dataDir, 'events.sqlite'), { synchronous: 'NORMAL' });
  const keys = await openSqliteDataKeyStore(
    join(dataDir, 'data-keys.sqlite'),
    parseMasterKey(BENCH_MASTER_KEY),
    {
      synchronous: 'OFF',
    },
  );
  const app = new EncryptingEventStore(new HashChainedEventStore(engine), keys);
  return {
    engine,
    app,
    close: async () => {
      await app.close();
      await keys.close();
    },
  };
}
