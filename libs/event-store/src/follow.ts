import type { StoredEvent } from './event-store.port';

export type FollowSource = {
  after: number;
  signal: AbortSignal;
  batchSize: number;
  pollIntervalMs: number;
  readAll: (after: number, batchSize: number) => Promise<StoredEvent[]>;
  /** Registers a wake-up for in-process appends; returns the unregister function. */
  onAppend?: (wake: () => void) => () => void;
};

/**
 * Catch-up then live: reads batches after the checkpoint until caught up, then sleeps until an
 * in-process append or the poll interval (appends by other processes) and reads again.
 */
export async function* followByPolling(source: FollowSource): AsyncGenerator<StoredEvent[]> {
  let position = source.after;
  let wake: (() => void) | undefined;
  let pending = false;
  const nudge = () => {
    pending = true;
    wake?.();
  };
  const unregister = source.onAppend?.(nudge);
  source.signal.addEventListener('abort', nudge);
  try {
    while (!source.signal.aborted) {
      pending = false;
      const batch = await source.readAll(position, source.batchSize);
      if (source.signal.aborted) return;
      if (batch.length > 0) {
        position = batch[batch.length - 1]!.position;
        yield batch;
        continue;
      }
      if (pending) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, source.pollIntervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  } finally {
    unregister?.();
    source.signal.removeEventListener('abort', nudge);
  }
}
