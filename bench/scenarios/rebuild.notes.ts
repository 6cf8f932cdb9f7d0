import type { ChildMessage, ExitStats } from '../lib/child';
import { formatNumber } from '../lib/figures';
import type { CachedHistory } from '../lib/history';

/** Issue #7's rebuild target. */
const TARGET_EVENTS_PER_S = 150_000;

export type RebuildResult = ChildMessage & {
  head: number;
  /** Events read from the log (once, for every projection). */
  read: number;
  batchSize: number;
  eventsPerCommit: number;
  /** Query-only indexes dropped for the rebuild and made again at its end (`QUERY_ONLY_INDEXES`). */
  deferredIndexes: number;
  seconds: number;
  /** Time inside `readAll` during the rebuild: reading, parsing and decrypting. */
  readSeconds: number;
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
    `The rebuild runs in its own process on the projector's stores (\`openStores\`: the SQLite adapter under the hash chain and decryption layers, and a fresh SQLite read-model file) and calls \`rebuildReadModels\`, as \`npm run projections:rebuild\` does: truncate the read models, then one pass over the log in batches of ${formatNumber(result.batchSize)} events, each batch read and decrypted once and applied to all ${result.projections} projections, whose rows and checkpoints are written in one transaction per ${formatNumber(result.eventsPerCommit)} events (fewer commits, each writing the pages it touched once), yielding to the event loop between batches. The ${result.deferredIndexes} indexes only queries read (search, triage queue, reports, access log) are dropped first and made again at the end, one sort each, and that time is in the figure. It read ${formatNumber(result.read)} events and produced ${formatNumber(result.rows)} referral summary rows. Events/s is history events per second of the whole rebuild.`,
    `Peak memory is the process's max RSS (\`process.resourceUsage().maxRSS\`), start-up included. Every bench child runs TypeScript through swc-node, as the repo's scripts do; a child that does nothing peaks at ${formatNumber(loaderRssMb)} MB against ${formatNumber(bareRssMb)} MB for a bare \`node\`, so about ${formatNumber(loaderRssMb - bareRssMb)} MB of each figure is the loader, which a compiled build (\`node dist/...\`) does not carry.`,
  ];
}

/** Where the time goes, from the figures of this run: reading and decrypting (once), then the projections' work. */
export function limitNote(result: RebuildResult, events: number, scanRate: number, reads: ReadRates): string {
  const projectSeconds = result.seconds - result.readSeconds;
  return [
    `Limit: the log is read once. The SQLite adapter's \`readAll\` alone delivers ${formatNumber(reads.engine)} events/s (${formatNumber(reads.engine / scanRate)}x the plain scan: it also builds an event object per row; metadata is parsed only when read), and through the decryption layer ${formatNumber(reads.layered)} events/s (${formatNumber(reads.engine / reads.layered)}x slower again: every sealed event is decrypted, after a data-key lookup and unwrap for each referral the rebuild meets).`,
    `Inside the rebuild, \`readAll\` (reading, parsing, decrypting) took ${formatNumber(result.readSeconds)} s of the ${formatNumber(result.seconds)} s, so reading alone caps it near ${formatNumber(events / result.readSeconds)} events/s; the other ${formatNumber(projectSeconds)} s are the projections: evolving each referral's summary and upserting each referral's rows (summary document, search row, report facts, identity tokens) in SQLite through Kysely.`,
    `The ${formatNumber(TARGET_EVENTS_PER_S)} events/s target is ${formatNumber(TARGET_EVENTS_PER_S / scanRate)}x the plain scan's rate on this machine; reading alone ran at ${formatNumber(events / result.readSeconds / scanRate)}x and the whole rebuild at ${formatNumber(events / result.seconds / scanRate)}x.`,
    events / result.readSeconds < TARGET_EVENTS_PER_S
      ? 'So reading itself has to get faster before the target can be met: what is left there is better-sqlite3 building each row and the JSON parse of `data` (`all`, `storedEvent` in the profile), and for each referral one data-key unwrap and one AES-GCM open per sealed event (`initiv`, `openPersonal`). Projections already decrypt only the event types they read (ADR 0008: the summary reads ReferralReceived, not the notes of SessionHeld), so what decryption is left is one key unwrap and one open per referral. Next steps: write the rows with reused compiled statements instead of building each bulk upsert through Kysely, and read and decrypt the next batch in a worker thread while this one is applied (the 300 MB memory target leaves little room for a second isolate).'
      : '',
    result.longestStallMs > 1000
      ? `The event loop was held for up to ${formatNumber(result.longestStallMs / 1000)} s at a time: making a deferred index again at the end is one statement that sorts every row; a batch holds it far shorter. Only a rebuild defers indexes (with the projections stopped); a projection catching up inside the API writes batch by batch and keeps them.`
      : `It yields between batches: the event loop was never blocked for more than ${formatNumber(result.longestStallMs)} ms (one batch), so a projection catching up inside the API delays HTTP requests by at most that.`,
    `The V8 heap was ${formatNumber(result.heapMb)} MB at the end.`,
  ]
    .filter((sentence) => sentence !== '')
    .join(' ');
}

/** The peak as `npm run projections:rebuild` runs (with its heap cap), against the same rebuild left to grow its heap. */
export function memoryNote(
  flags: string[],
  capped: Run<RebuildResult>,
  uncapped: Run<RebuildResult>,
): string {
  const how = flags.length
    ? `\`npm run projections:rebuild\` runs with ${flags.map((f) => `\`${f}\``).join(' ')}, and so did this rebuild`
    : '`npm run projections:rebuild` sets no heap cap, and neither did this rebuild';
  return `Memory: ${how}: it peaked at ${formatNumber(capped.stats.maxRssMb)} MB with ${formatNumber(capped.result.heapMb)} MB of V8 heap at the end. Without a cap the same rebuild peaked at ${formatNumber(uncapped.stats.maxRssMb)} MB (${formatNumber(uncapped.result.heapMb)} MB of heap) and took ${formatNumber(uncapped.result.seconds)} s against ${formatNumber(capped.result.seconds)} s. V8 grows its heap lazily while memory is free, and native memory held by objects awaiting collection (ciphers, statements' rows) grows with it; the working set, one batch of events and its rows, is far smaller, and the cap makes V8 collect sooner, at the cost in time shown.`;
}
