import type { AllStreamResolvedEvent, AllStreamSubscription } from '@kurrent/kurrentdb-client';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StoredEvent } from '../../event-store.port';
import { toStoredEvent } from './kurrentdb.mapping';

export type SubscriptionSource = {
  /** A catch-up subscription to `$all` (this store's streams) after `after` (0: from the start). */
  subscribe(after: number): AllStreamSubscription;
  prefix: string;
  resubscribeDelayMs: number;
};

// Events buffered before the subscription is paused; it resumes once the consumer drains them.
const HIGH_WATER = 5000;

/**
 * A catch-up subscription yielded in batches of what has arrived. The position of the last
 * event received is the checkpoint: when the subscription drops (server restart, leader
 * change, network), it is resubscribed from there after a pause, and anything delivered twice
 * across the drop is ignored by position, so nothing is skipped and nothing yielded twice.
 */
export async function* followSubscription(
  source: SubscriptionSource,
  after: number,
  signal: AbortSignal,
  batchSize: number,
): AsyncGenerator<StoredEvent[], void, undefined> {
  if (signal.aborted) return;
  const queue: StoredEvent[] = [];
  let received = after;
  let dropped: unknown;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  const subscribe = (): AllStreamSubscription => {
    const subscription = source.subscribe(received);
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      const event = toStoredEvent(resolved, source.prefix);
      if (event === undefined || event.position <= received) return;
      queue.push(event);
      received = event.position;
      if (queue.length >= HIGH_WATER) subscription.pause();
      notify();
    });
    subscription.on('error', (error: Error) => {
      dropped = error;
      notify();
    });
    subscription.on('end', () => {
      dropped ??= new Error('subscription ended by the server');
      notify();
    });
    return subscription;
  };
  signal.addEventListener('abort', notify);
  let subscription = subscribe();
  try {
    while (!signal.aborted) {
      if (queue.length > 0) {
        const batch = queue.splice(0, batchSize);
        if (subscription.isPaused() && queue.length < HIGH_WATER / 2) subscription.resume();
        yield batch;
      } else if (dropped !== undefined) {
        await subscription.unsubscribe().catch(() => undefined);
        dropped = undefined;
        await sleep(source.resubscribeDelayMs, undefined, { signal }).catch(() => undefined);
        if (!signal.aborted) subscription = subscribe();
      } else {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    }
  } finally {
    signal.removeEventListener('abort', notify);
    await subscription.unsubscribe().catch(() => undefined);
  }
}
