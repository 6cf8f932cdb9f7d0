import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DeciderStore, EVENT_STORE, EventStore, HashChainedEventStore } from '@app/event-store';
import { CLOCK, IDS, randomIds, systemClock } from './clock';
import { openConfiguredEventStore } from './event-store.factory';

/** The store as recorded (hash-chained, personal data still encrypted): what auditors verify. */
export const AUDIT_EVENT_STORE = Symbol('AUDIT_EVENT_STORE');

/**
 * The event store in layers: the storage engine, a hash chain over what it holds (tamper evidence),
 * and on top the view the application reads and writes. Closed when the app shuts down.
 */
@Global()
@Module({
  providers: [
    {
      provide: AUDIT_EVENT_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): EventStore => new HashChainedEventStore(openConfiguredEventStore(config)),
    },
    { provide: EVENT_STORE, inject: [AUDIT_EVENT_STORE], useFactory: (audit: EventStore): EventStore => audit },
    { provide: DeciderStore, inject: [EVENT_STORE], useFactory: (store: EventStore) => new DeciderStore(store) },
    { provide: CLOCK, useValue: systemClock },
    { provide: IDS, useValue: randomIds },
  ],
  exports: [AUDIT_EVENT_STORE, EVENT_STORE, DeciderStore, CLOCK, IDS],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
