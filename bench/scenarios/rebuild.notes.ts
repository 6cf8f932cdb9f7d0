import type { ChildMessage, ExitStats } from '../lib/child';
import { formatNumber } from '../lib/figures';
import type { CachedHistory } from '../lib/history';

/** The V8 old-space cap of the second rebuild, which shows how much of the peak is working set. */
export const HEAP_CAP_MB = 96;

export type RebuildResult = ChildMessage & {
  head: number;
  applied: number;
  seconds: number;
  rows: number;
  projections: number;
  longestStallMs: number;
  heapMb: number;
};
export type ScanResult = ChildMessage & { events: number; seconds: number };
export type ReadRates = ChildMessage & { engine: number; layered: number };
export type Run<T> = { result: T; stats: ExitStats };

export function rebuildNotes(
  history: CachedHistory,
  result: RebuildResult,
  loaderRssMb: number,
  bareRssMb: number,
): string[] {
  return [
    `History: ${formatNumber(history.referrals)} referrals, ${formatNumber(history.events)} events (seeded generator, about ${formatNumber(history.events / history.referrals)} events per referral: each referral's history cut to a prefix, as in a snapshot of a live service), written through the API's store layers (hash chain, personal data encrypted), ${history.generatedNow ? `generated in this run in ${formatNumber(history.generateSeconds ?? 0)} s` : 'reused from bench/.data'}.`,
    `The rebuild runs in its own process on the projector's stores (\`openStores\`: the SQLite adapter under the hash chain and decryption layers, and a fresh SQLite read-model file): truncate the read models, then \`ProjectionRunner.catchUp\` for each of the ${result.projections} projections with batches of 5,000, as \`npm run projections:rebuild\` does. Each projection reads the whole log (${formatNumber(result.applied)} events read in all); it produced ${formatNumber(result.rows)} referral summary rows. Events/s is history events per second of the whole rebuild.`,
    `Peak memory is the process's max RSS (\`process.resourceUsage().maxRSS\`), start-up included. Every bench child runs TypeScript through swc-node, as the repo's scripts do; a child that does nothing peaks at ${formatNumber(loaderRssMb)} MB against ${formatNumber(bareRssMb)} MB for a bare \`node\`, so about ${formatNumber(loaderRssMb - bareRssMb)} MB of each figure is the loader, which a compiled build (\`node dist/...\`) does not carry.`,
  ];
}

/** Where the time goes, from the figures of this run: reading, decrypting, and reading once per projection. */
export function limitNote(result: RebuildResult, events: number, scanRate: number, reads: ReadRates): string {
  const rate = events / result.seconds;
  const ceiling = reads.layered / result.projections;
  return [
    `Limit: the SQLite adapter's \`readAll\` alone delivers ${formatNumber(reads.engine)} events/s (${formatNumber(reads.engine / scanRate)}x the plain scan, which parses only \`data\`: the adapter also parses every event's metadata and builds an object per event), and through the decryption layer ${formatNumber(reads.layered)} events/s (${formatNumber(reads.engine / reads.layered)}x slower again: each ReferralReceived is decrypted, with a data-key lookup for every referral the rebuild meets).`,
    `Each of the ${result.projections} projections reads and decrypts the whole log on its own, so reading alone caps the rebuild near ${formatNumber(ceiling)} events/s; it ran at ${formatNumber(rate)} events/s, the rest being the projections' own writes through Kysely.`,
    result.longestStallMs > 1000
      ? `The rebuild hardly yields to the event loop: the longest stall was ${formatNumber(result.longestStallMs / 1000)} s (the SQLite reads and Kysely's transactions all resolve as microtasks), so a projection catching up a long backlog inside the API (RUN_PROJECTIONS=true) holds every HTTP request that long.`
      : `The event loop was never blocked for more than ${formatNumber(result.longestStallMs)} ms.`,
    `The V8 heap was ${formatNumber(result.heapMb)} MB at the end.`,
  ].join(' ');
}

/** Whether the peak is working set or a heap V8 grew because it could, from the capped run. */
export function memoryNote(maxRssMb: number, result: RebuildResult, capped: Run<RebuildResult>): string {
  const verdict =
    capped.stats.maxRssMb < 300 && maxRssMb >= 300
      ? ' So the working set fits in less than the target: V8 grows its heap lazily while memory is free, and a cap on the projector and rebuild processes (NODE_OPTIONS) keeps them under it.'
      : '';
  return `Memory: uncapped, the rebuild peaked at ${formatNumber(maxRssMb)} MB with ${formatNumber(result.heapMb)} MB of V8 heap at the end; with the heap capped at ${HEAP_CAP_MB} MB the same rebuild peaked at ${formatNumber(capped.stats.maxRssMb)} MB and took ${formatNumber(capped.result.seconds)} s against ${formatNumber(result.seconds)} s.${verdict}`;
}
