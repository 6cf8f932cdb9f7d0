import type { EventStore } from '@app/event-store';
import { REBUILD_BATCH_SIZE } from '@app/read-models';

/** Reads `store` from position 0 in batches of `REBUILD_BATCH_SIZE`, as a rebuild does, until `limit` events; returns events/s. */
export async function readAllRate(store: EventStore, limit: number): Promise<number> {
  const start = process.hrtime.bigint();
  let position = 0;
  let events = 0;
  while (events < limit) {
    const batch = await store.readAll(position, REBUILD_BATCH_SIZE);
    if (batch.length === 0) break;
    position = batch[batch.length - 1]!.position;
    events += batch.length;
  }
  return events / (Number(process.hrtime.bigint() - start) / 1e9);
}
