import type { AppConfig } from '@app/config';
import { openEventStore } from '@app/event-store';
import type { EventStore } from '@app/event-store';
import { openEventStoreLayers } from '@app/privacy';
import { PROJECTIONS_PERSONAL_DATA, ReadModels, openSharedState } from '@app/read-models';

/**
 * The event store as the projections read it (the API's layers, revealing only the personal data the
 * projections use) and the read-model database.
 */
export async function openStores(
  config: AppConfig,
): Promise<{ store: EventStore; readModels: ReadModels; close: () => Promise<void> }> {
  const shared = await openSharedState(config.sharedState, 'referral-projector');
  const engine = await openEventStore(config.eventStore, {
    dataDir: config.dataDir,
    applicationName: 'referral-projector',
  });
  const layers = await openEventStoreLayers(engine, { ...config, keyDatabase: shared.database });
  const readModels = await ReadModels.open(config.readModelStore, {
    ...config,
    blindIndex: layers.blindIndex,
  });
  const store = layers.app.revealing(PROJECTIONS_PERSONAL_DATA, { keepEnvelope: true });
  return {
    store,
    readModels,
    close: async () => {
      await readModels.close();
      await layers.close();
      await shared.close();
    },
  };
}
