import type { EventStore } from '@app/event-store';
import type { ReadModelDb } from './database';
import { truncateReadModels } from './database';
import { withQueryIndexesDeferred } from './query-indexes';
import type { Projection } from './runner/projection';
import { ProjectionRunner } from './runner/projection-runner';

/**
 * Events read per batch by a rebuild. Each batch's events, decrypted fields and rows are alive at once:
 * 2,500 kept the rebuild of a million events about 20 MB under its peak memory at 5,000, at the same
 * speed; 1,000 was slower (more statements for the same rows). Measurements: ADR 0022's amendment.
 */
export const REBUILD_BATCH_SIZE = 2_500;

/**
 * Events a rebuild writes per transaction (every projection's rows and checkpoints). Each commit writes
 * every page it touched; rows keyed by random referral ids touch pages all over each table, so fewer,
 * larger commits write each page fewer times.
 */
export const REBUILD_EVENTS_PER_COMMIT = 50_000;

export type RebuildOptions = {
  batchSize?: number;
  eventsPerCommit?: number;
  /** Told the position reached after each batch. */
  onProgress?: (position: number) => void;
};

/**
 * Empties every read model and rebuilds them all from position 0 in one pass over the log (each event
 * read and decrypted once for every projection), with the query-only indexes made again at the end
 * (`withQueryIndexesDeferred`). Stop the projections that write `db` first. Returns the events read.
 */
export async function rebuildReadModels(
  store: EventStore,
  db: ReadModelDb,
  projections: readonly Projection<unknown>[],
  options: RebuildOptions = {},
): Promise<number> {
  await truncateReadModels(db);
  const runners = projections.map(
    (p) => new ProjectionRunner(store, db, p, options.batchSize ?? REBUILD_BATCH_SIZE),
  );
  return withQueryIndexesDeferred(db, () =>
    ProjectionRunner.catchUpTogether(runners, {
      onProgress: options.onProgress,
      eventsPerCommit: options.eventsPerCommit ?? REBUILD_EVENTS_PER_COMMIT,
    }),
  );
}
