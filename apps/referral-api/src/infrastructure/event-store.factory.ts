import type { AppConfig } from '@app/config';
import { openEventStore } from '@app/event-store';
import type { EventStore } from '@app/event-store';

/**
 * The configured storage engine (EVENT_STORE), before the tamper-evidence and encryption layers are
 * put on it. A server that cannot be reached fails start-up here, with one line naming it.
 */
export function openConfiguredEventStore(config: AppConfig): Promise<EventStore> {
  return openEventStore(config.eventStore, { dataDir: config.dataDir, applicationName: 'referral-api' });
}
