import { randomBytes } from 'node:crypto';
import type { ConsumerGroup, Messaging } from '@app/messaging';
import { pause } from '@app/messaging';

/** When each message reached a consumer, by `<messageType header or ''>/<key>`, in ms of `performance.now()`. */
export class TopicObserver {
  readonly arrivals = new Map<string, number>();
  readonly bytes: number[] = [];
  private group?: ConsumerGroup;

  /** Joins a fresh consumer group reading `topics` from the beginning; resolves once it has its partitions. */
  static async start(messaging: Messaging, topics: string[]): Promise<TopicObserver> {
    const observer = new TopicObserver();
    observer.group = messaging.consume({
      groupId: `bench-observer-${randomBytes(4).toString('hex')}`,
      topics,
      fromBeginning: true,
      partitionsConcurrently: 3,
      handle: async (m) => {
        observer.arrivals.set(`${m.headers.messageType ?? ''}/${m.key?.toString() ?? ''}`, performance.now());
        observer.bytes.push(m.value?.length ?? 0);
      },
    });
    if (!(await observer.group.joined(60_000))) {
      await observer.stop();
      throw new Error(`the observer did not join a consumer group for ${topics.join(', ')} within 60 s`);
    }
    return observer;
  }

  /** Resolves once `count` messages have arrived (so a backlog is out of the way), or rejects after `timeoutMs`. */
  async waitForCount(count: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.arrivals.size < count) {
      if (Date.now() > deadline)
        throw new Error(`${this.arrivals.size} of ${count} messages had arrived after ${timeoutMs} ms`);
      await pause(10);
    }
  }

  /** Resolves when every key has arrived, or rejects after `timeoutMs` saying how many did. */
  async waitFor(keys: string[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const missing = keys.filter((k) => !this.arrivals.has(k)).length;
      if (missing === 0) return;
      if (Date.now() > deadline)
        throw new Error(`${missing} of ${keys.length} messages had not arrived after ${timeoutMs} ms`);
      await pause(10);
    }
  }

  stop(): Promise<void> {
    return this.group?.stop() ?? Promise.resolve();
  }
}
