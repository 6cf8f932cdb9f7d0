import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { referralDeciderStore } from '@app/application';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DeciderStore, EVENT_STORE, EventStore } from '@app/event-store';
import { DATA_KEY_STORE, EventStoreLayers, openEventStoreLayers } from '@app/privacy';
import { PROJECTIONS_PERSONAL_DATA, SharedState } from '@app/read-models';
import { CLOCK, IDS, randomIds, systemClock } from './clock';
import { openConfiguredEventStore } from './event-store.factory';
import { PERSONAL_DATA_KEYS } from './personal-data-keys';
import { SHARED_STATE } from './shared-state';
import { YoungPersonIdentities } from './young-person-identity';
import { MeteredEventStore } from '../operations/metered-event-store';
import { Metrics } from '../operations/metrics';

/** The store as recorded (hash-chained, personal data still encrypted): what auditors verify. */
export const AUDIT_EVENT_STORE = Symbol('AUDIT_EVENT_STORE');
/** The application's store revealing only the personal data the projections read. */
export const PROJECTION_EVENT_STORE = Symbol('PROJECTION_EVENT_STORE');
const LAYERS = Symbol('EVENT_STORE_LAYERS');
/** The keyed tokens of names, dates of birth and NHS numbers (derived from the master key). */
export const BLIND_INDEX = Symbol('BLIND_INDEX');

const logger = new Logger('PersonalData');

/**
 * The event store in layers: the storage engine, a hash chain over what it holds (tamper evidence),
 * and on top the encryption of personal data the application reads and writes through.
 */
@Global()
@Module({
  providers: [
    {
      provide: LAYERS,
      inject: [APP_CONFIG, Metrics, SHARED_STATE],
      useFactory: async (config: AppConfig, metrics: Metrics, shared: SharedState) => {
        const engine = new MeteredEventStore(
          await openConfiguredEventStore(config),
          metrics,
          config.eventStore.kind,
        );
        try {
          return await openEventStoreLayers(
            engine,
            { ...config, keyDatabase: shared.database },
            {
              onProblem: (info) => logger.warn(info, 'Personal data could not be read'),
            },
          );
        } catch (error) {
          await engine.close().catch(() => undefined);
          throw error;
        }
      },
    },
    { provide: AUDIT_EVENT_STORE, inject: [LAYERS], useFactory: (l: EventStoreLayers) => l.audit },
    { provide: EVENT_STORE, inject: [LAYERS], useFactory: (l: EventStoreLayers) => l.app },
    {
      provide: PROJECTION_EVENT_STORE,
      inject: [LAYERS],
      useFactory: (l: EventStoreLayers) => l.app.revealing(PROJECTIONS_PERSONAL_DATA, { keepEnvelope: true }),
    },
    { provide: BLIND_INDEX, inject: [LAYERS], useFactory: (l: EventStoreLayers) => l.blindIndex },
    { provide: DATA_KEY_STORE, inject: [LAYERS], useFactory: (l: EventStoreLayers) => l.keys },
    { provide: PERSONAL_DATA_KEYS, inject: [LAYERS], useFactory: (l: EventStoreLayers) => l.keys },
    {
      provide: DeciderStore,
      inject: [EVENT_STORE, LAYERS],
      useFactory: (store: EventStore, l: EventStoreLayers) => referralDeciderStore(store, l.keys),
    },
    { provide: CLOCK, useValue: systemClock },
    { provide: IDS, useValue: randomIds },
    YoungPersonIdentities,
  ],
  exports: [
    AUDIT_EVENT_STORE,
    EVENT_STORE,
    PROJECTION_EVENT_STORE,
    BLIND_INDEX,
    DATA_KEY_STORE,
    PERSONAL_DATA_KEYS,
    DeciderStore,
    CLOCK,
    IDS,
    YoungPersonIdentities,
  ],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(@Inject(LAYERS) private readonly layers: EventStoreLayers) {}

  async onApplicationShutdown(): Promise<void> {
    await this.layers.close();
  }
}
