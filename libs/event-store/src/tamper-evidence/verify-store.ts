import type { EventStore } from '../event-store.port';
import { GENESIS_HASH, eventHash } from './event-hash';

export type StoreVerification = {
  /** The position reached (the head when the pass began, or beyond). */
  position: number;
  streams: number;
  /** Each broken stream and the version at which it first breaks. */
  broken: Map<string, number>;
};

/**
 * Checks every stream's hash chain in one pass over the store in position order: each event must
 * follow from the previous hash of its own stream, and each stream's versions must run 1, 2, 3... in
 * that order, the order the service replays them in. An edited, re-ordered or renumbered history is
 * named by stream and version.
 */
export async function verifyStore(
  store: EventStore,
  onProgress?: (position: number) => void,
  batchSize = 2000,
): Promise<StoreVerification> {
  const previous = new Map<string, { hash: string; version: number }>();
  const broken = new Map<string, number>();
  let position = 0;
  for (;;) {
    const batch = await store.readAll(position, batchSize);
    if (batch.length === 0) break;
    for (const e of batch) {
      if (broken.has(e.stream)) continue;
      const before = previous.get(e.stream) ?? { hash: GENESIS_HASH, version: 0 };
      const hash = (e.metadata as { hash?: string }).hash;
      if (e.version !== before.version + 1 || hash !== eventHash(before.hash, e))
        broken.set(e.stream, e.version);
      else previous.set(e.stream, { hash, version: e.version });
    }
    position = batch[batch.length - 1]!.position;
    onProgress?.(position);
  }
  return { position, streams: previous.size + broken.size, broken };
}
