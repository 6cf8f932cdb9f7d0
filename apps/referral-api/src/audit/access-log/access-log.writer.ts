import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore } from '@app/event-store';
import type { NewEvent } from '@app/event-store';
import { accessStreamName } from '@app/read-models';

type Pending = { event: NewEvent; at: string; resolve: () => void; reject: (error: unknown) => void };

/**
 * Writes access records to this instance's own access stream of the day, the only writer of it, so
 * readers never conflict with one another or with other instances. Records arriving while an append
 * is under way go together in the next one (one durable commit for many reads); each read waits for
 * the append holding its record, so nothing is returned before its access is recorded.
 */
@Injectable()
export class AccessLogWriter {
  /** Names this process's streams; a restart starts new ones, so no two processes ever share one. */
  readonly instance = randomUUID().slice(0, 8);
  private pending: Pending[] = [];
  private writing = false;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  record(event: NewEvent, at: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ event, at, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        // A batch spanning midnight is split by day.
        for (const [stream, records] of groupBy(batch, (p) => accessStreamName(p.at, this.instance))) {
          try {
            await this.store.append(
              stream,
              records.map((p) => p.event),
              'any',
            );
            for (const p of records) p.resolve();
          } catch (error) {
            for (const p of records) p.reject(error);
          }
        }
      }
    } finally {
      this.writing = false;
    }
  }
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
