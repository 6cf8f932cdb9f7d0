import { join } from 'node:path';
import type { AppConfig } from '@app/config';
import { openSqliteEventStore } from '@app/event-store';
import type { EventStore } from '@app/event-store';

/** The configured storage engine, before the tamper-evidence and encryption layers are put on it. */
export function openConfiguredEventStore(config: AppConfig): EventStore {
  return openSqliteEventStore(join(config.dataDir, 'events.sqlite'));
}
