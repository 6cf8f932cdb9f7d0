import type { OutboundMessage } from '@app/messaging';

/** Messages of stored events up to `position` (none for a batch's trailing events that send nothing). */
export type Outbound = { messages: OutboundMessage[]; position: number };

/** What one publish takes at most: a few round trips' worth, and well under the broker's 1 MB per partition batch. */
export type SendLimits = { messages: number; bytes: number };

/**
 * The relay's hand-over between reading the store and publishing: the reader queues each event's
 * messages in position order while the previous send is in flight; the sender takes everything queued
 * (up to `SendLimits`) as one publish. Whole events only, so a checkpoint never splits one.
 */
export class OutboundQueue {
  private entries: Outbound[] = [];
  /** Entries before this index were taken (an index, not shift(), keeps a long queue linear). */
  private head = 0;
  private queuedMessages = 0;
  private closed = false;
  private changed = signalled();

  constructor(private readonly limits: SendLimits) {}

  /** How many messages are queued and not yet taken. */
  get size(): number {
    return this.queuedMessages;
  }

  push(entry: Outbound): void {
    if (this.closed) throw new Error('Outbound queue is closed');
    this.entries.push(entry);
    this.queuedMessages += entry.messages.length;
    this.notify();
  }

  /** No more entries: `take` returns what is left, then undefined. */
  close(): void {
    this.closed = true;
    this.notify();
  }

  /** Resolves once fewer than `limit` messages are queued, the queue is closed, or `signal` aborts. */
  async room(limit: number, signal: AbortSignal): Promise<void> {
    while (this.queuedMessages >= limit && !this.closed && !signal.aborted) await this.next(signal);
  }

  /**
   * The next publish: the oldest queued entries merged, within the limits (at least one entry).
   * Waits while the queue is empty; undefined once it is closed and empty, or when `signal` aborts.
   */
  async take(signal: AbortSignal): Promise<Outbound | undefined> {
    while (this.head === this.entries.length) {
      if (this.closed || signal.aborted) return undefined;
      await this.next(signal);
    }
    if (signal.aborted) return undefined;
    const messages: OutboundMessage[] = [];
    let bytes = 0;
    let position = 0;
    while (this.head < this.entries.length) {
      const entry = this.entries[this.head]!;
      const entryBytes = entry.messages.reduce((sum, m) => sum + approximateBytes(m), 0);
      const fits =
        messages.length + entry.messages.length <= this.limits.messages &&
        bytes + entryBytes <= this.limits.bytes;
      if (messages.length > 0 && !fits) break;
      this.head += 1;
      for (const m of entry.messages) messages.push(m);
      bytes += entryBytes;
      position = entry.position;
    }
    // Let go of taken entries (and their messages) once they are half the array.
    if (this.head * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    this.queuedMessages -= messages.length;
    this.notify();
    return { messages, position };
  }

  private notify(): void {
    this.changed.resolve();
    this.changed = signalled();
  }

  private next(signal: AbortSignal): Promise<void> {
    const { promise } = this.changed;
    if (signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const stop = (): void => resolve();
      signal.addEventListener('abort', stop, { once: true });
      void promise.then(() => {
        signal.removeEventListener('abort', stop);
        resolve();
      });
    });
  }
}

/** Key, value and a header allowance: enough to keep a publish under the broker's request limits. */
function approximateBytes(m: OutboundMessage): number {
  return (m.value?.length ?? 0) + (m.key?.length ?? 0) + 200;
}

function signalled(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
