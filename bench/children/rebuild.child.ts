import { loadConfig } from '@app/config';
import type { EventStore } from '@app/event-store';
import { QUERY_ONLY_INDEXES, REBUILD_BATCH_SIZE, REBUILD_EVENTS_PER_COMMIT } from '@app/read-models';
import { openStores } from '../../apps/referral-projector/src/stores';
import { InProcessProfiler } from '../lib/cpu-profile';
import { exitStats, toParent } from '../lib/child';
import { BENCH_SECRET } from '../lib/servers';
import { BENCH_AUDIT_SIGNING_KEY, BENCH_MASTER_KEY } from '../lib/stores';

/**
 * Rebuilds every read model from position 0 as `npm run projections:rebuild` does (the projector's
 * stores, decryption layer included, and `rebuildReadModels`), timed from the truncation to the last
 * checkpoint. Arguments: the data folder, and optionally a file and a number of seconds: the first
 * seconds of the rebuild (or all of it, if shorter) are then CPU-profiled into the file and reported
 * with `profile-saved`.
 */
async function main(): Promise<void> {
  const [dataDir, profileFile, profileSeconds = '20'] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: rebuild.child.ts <dataDir> [profileFile profileSeconds]');
  const config = loadConfig({
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    DATA_KEY_MASTER: BENCH_MASTER_KEY,
    AUDIT_SIGNING_KEY: BENCH_AUDIT_SIGNING_KEY,
    AUTH_JWT_SECRET: BENCH_SECRET,
  });
  const { store, readModels, close } = await openStores(config);
  const head = await store.headPosition();
  const profiled = profileFile ? await profileFor(profileFile, Number(profileSeconds)) : undefined;
  const stalls = longestStall();
  const start = process.hrtime.bigint();
  const reads = timingReads(store);
  const read = await readModels.rebuild(reads.store, { onProgress: () => profiled?.tick() });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const longestStallMs = await stalls.stop();
  const heapMb = process.memoryUsage().heapTotal / 2 ** 20;
  await profiled?.save();
  const counted = { rows: await readModels.referralCount() };
  await close();
  await toParent({
    type: 'result',
    head,
    read,
    batchSize: REBUILD_BATCH_SIZE,
    eventsPerCommit: REBUILD_EVENTS_PER_COMMIT,
    deferredIndexes: QUERY_ONLY_INDEXES.length,
    seconds,
    readSeconds: reads.seconds(),
    rows: Number(counted.rows),
    projections: readModels.projections.length,
    longestStallMs,
    heapMb,
  });
  await toParent(exitStats());
  process.exit(0);
}

/**
 * The store with the time spent in `readAll` (reading, parsing and decrypting a batch) added up. The
 * layers below resolve their work as microtasks, so no other callback runs inside the measured span.
 */
function timingReads(store: EventStore): { store: EventStore; seconds: () => number } {
  let spent = 0n;
  const timed: EventStore = {
    append: (stream, events, expected) => store.append(stream, events, expected),
    readStream: (stream, options) => store.readStream(stream, options),
    readAll: async (after, batchSize) => {
      const started = process.hrtime.bigint();
      try {
        return await store.readAll(after, batchSize);
      } finally {
        spent += process.hrtime.bigint() - started;
      }
    },
    headPosition: () => store.headPosition(),
    follow: (after, signal, batchSize) => store.follow(after, signal, batchSize),
    close: () => store.close(),
  };
  return { store: timed, seconds: () => Number(spent) / 1e9 };
}

/** The longest time a 10 ms interval timer had to wait to run: how long the work kept the event loop from other callbacks. */
function longestStall(): { stop: () => Promise<number> } {
  let last = performance.now();
  let longest = 0;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  };
  const timer = setInterval(tick, 10);
  return {
    stop: async () => {
      await new Promise((resolve) => setTimeout(resolve, 25));
      clearInterval(timer);
      tick();
      return longest;
    },
  };
}

/**
 * Starts profiling; `tick` (after each batch) saves the profile once `seconds` have passed, `save` at
 * the end if sooner. Not a timer, so the profile covers the same batches whatever the event loop does.
 */
async function profileFor(
  file: string,
  seconds: number,
): Promise<{ tick: () => void; save: () => Promise<void> }> {
  const profiler = new InProcessProfiler();
  await profiler.start();
  const started = Date.now();
  let saved: Promise<void> | undefined;
  const save = () => (saved ??= profiler.stop(file).then(() => toParent({ type: 'profile-saved', file })));
  return { tick: () => void (Date.now() - started >= seconds * 1000 && save()), save };
}

main().catch((error: unknown) => {
  process.stderr.write(`rebuild child failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
