import { setTimeout as sleep } from 'node:timers/promises';
import type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadStreamOptions,
  StoredEvent,
} from './event-store.port';

/**
 * A store whose `follow` pauses `lingerMs` after a batch smaller than the batch size before reading on.
 * A follower in the writer's process is woken by every append, so under load it would read and apply
 * one event at a time, paying a transaction per event; lingering lets the appends of the next few
 * milliseconds arrive and be applied together. Lag grows by at most `lingerMs`; nothing is skipped
 * or repeated, since the inner follow still reads from its own checkpoint.
 */
export class LingeringFollowStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly lingerMs: number,
  ) {}

  async *follow(after: number, signal: AbortSignal, batchSize?: number): AsyncIterable<StoredEvent[]> {
    for await (const batch of this.inner.follow(after, signal, batchSize)) {
      yield batch;
      if (batch.length < (batchSize ?? Number.POSITIVE_INFINITY) && !signal.aborted) {
        await sleep(this.lingerMs, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  append(stream: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    return this.inner.append(stream, events, expected);
  }

  readStream(stream: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    return this.inner.readStream(stream, options);
  }

  readAll(after: number, batchSize: number): Promise<StoredEvent[]> {
    return this.inner.readAll(after, batchSize);
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
