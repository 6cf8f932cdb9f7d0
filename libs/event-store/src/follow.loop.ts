import type { AppendNotifier } from './append.notifier';
import type { StoredEvent } from './event-store.port';

export type FollowSource = {
  readAll(after: number, batchSize: number): Promise<StoredEvent[]>;
  notifier: AppendNotifier;
  pollMs: number;
  isClosed(): boolean;
};

/**
 * Reads batches until caught up, then waits for an append or the poll interval.
 * The checkpoint only moves forward, so no event is yielded twice; positions commit
 * in order in the stores using this loop, so none is skipped.
 */
export async function* followLoop(
  source: FollowSource,
  after: number,
  signal: AbortSignal,
  batchSize: number,
): AsyncGenerator<StoredEvent[], void, undefined> {
  let checkpoint = after;
  while (!signal.aborted && !source.isClosed()) {
    const seen = source.notifier.current;
    const batch = await source.readAll(checkpoint, batchSize);
    const last = batch[batch.length - 1];
    if (last === undefined) {
      await source.notifier.wait(seen, source.pollMs, signal);
      continue;
    }
    checkpoint = last.position;
    if (signal.aborted) return;
    yield batch;
  }
}
