import { loadConfig } from '@app/config';
import { openEventStore } from '@app/event-store';
import type { EventStore } from '@app/event-store';
import { openEventStoreLayers } from '@app/privacy';
import { openSharedState } from '@app/read-models';
import { FAULT_SECRET } from './app-process';

/**
 * The app's event store as the app itself opens it (same encryption and hash-chain layers), for seeding
 * a scenario before the app starts or reading it after it stopped.
 */
export async function withAppStore<T>(
  dataDir: string,
  env: Record<string, string>,
  work: (store: EventStore) => Promise<T>,
): Promise<T> {
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, AUTH_JWT_SECRET: FAULT_SECRET, ...env });
  const shared = await openSharedState(config.sharedState, 'fault-seed');
  const layers = await openEventStoreLayers(
    await openEventStore(config.eventStore, { dataDir, applicationName: 'fault-seed' }),
    { ...config, keyDatabase: shared.database },
  );
  try {
    return await work(layers.app);
  } finally {
    await layers.close();
    await shared.close();
  }
}
