import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DeciderStore, EVENT_STORE, EventStore, openSqliteEventStore } from '@app/event-store';
import { join } from 'node:path';
import { CLOCK, IDS, randomIds, systemClock } from './clock';

/** The event store and the decider store over it; closed when the app shuts down. */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): EventStore => openSqliteEventStore(join(config.dataDir, 'events.sqlite')),
    },
    { provide: DeciderStore, inject: [EVENT_STORE], useFactory: (store: EventStore) => new DeciderStore(store) },
    { provide: CLOCK, useValue: systemClock },
    { provide: IDS, useValue: randomIds },
  ],
  exports: [EVENT_STORE, DeciderStore, CLOCK, IDS],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
