import { execFileSync } from 'node:child_process';
import { createReadStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BenchChild } from '../lib/child';
import type { ChildMessage, ExitStats } from '../lib/child';
import { summariseProfile } from '../lib/cpu-profile';
import type { Figure, ScenarioResult } from '../lib/figures';
import { formatNumber, missedTargets } from '../lib/figures';
import { cachedHistory } from '../lib/history';
import type { CachedHistory } from '../lib/history';
import type { Plan } from '../lib/plan';

type RebuildResult = ChildMessage & {
  head: number;
  applied: number;
  seconds: number;
  rows: number;
  projections: number;
  longestStallMs: number;
  heapMb: number;
};
type ScanResult = ChildMessage & { events: number; seconds: number };
type ReadRates = ChildMessage & { engine: number; layered: number };
type Run<T> = { result: T; stats: ExitStats };

const TIMEOUT_MS = 600_000;

async function runChild<T extends ChildMessage>(script: string, args: string[]): Promise<Run<T>> {
  const child = new BenchChild(script, args);
  try {
    const result = await child.next<T>('result', TIMEOUT_MS);
    const stats = await child.next<ExitStats>('exit-stats', 30_000);
    await child.exited;
    return { result, stats };
  } finally {
    child.kill();
  }
}

/** The rebuild child on the cached data folder; the read models it writes there are removed before and after. */
async function inDataDir<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const clean = () =>
    ['', '-wal', '-shm'].forEach((s) => rmSync(join(dir, `read-models.sqlite${s}`), { force: true }));
  clean();
  try {
    return await work();
  } finally {
    clean();
  }
}

/** The first `seconds` of a rebuild, CPU-profiled; the child is ended once the profile is saved. */
async function profileRebuild(dir: string, file: string, seconds: number): Promise<string> {
  const child = new BenchChild('bench/children/rebuild.child.ts', [dir, file, String(seconds)]);
  try {
    await child.next('profile-saved', seconds * 1000 + 120_000);
    return file;
  } finally {
    child.kill();
    await child.exited;
  }
}

/** Peak memory of a bare `node` that does nothing, without the TypeScript loader. */
function bareNodeRssMb(): number {
  return (
    Number(
      execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.resourceUsage().maxRSS))'], {
        encoding: 'utf8',
      }),
    ) / 1024
  );
}

/** Reads the file once so the page cache is equally warm for the baseline and the rebuild. */
async function warmPageCache(file: string): Promise<void> {
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) void chunk;
}

/** Rebuilds every projection over the cached generated history in a child process, beside a plain scan of it. */
export async function rebuildScenario(plan: Plan, profileDir: string): Promise<ScenarioResult> {
  const history = await cachedHistory(plan.rebuild.referrals, plan.rebuild.eventsPerReferral);
  const events = join(history.dir, 'events.sqlite');
  await warmPageCache(events);
  const loader = await runChild<ChildMessage>('bench/children/empty.child.ts', []);
  const scan = await runChild<ScanResult>('bench/children/scan.child.ts', [events]);
  const sample = Math.min(history.events, plan.rebuild.readSample);
  const reads = await runChild<ReadRates>('bench/children/read-rate.child.ts', [history.dir, String(sample)]);
  const { result, stats } = await inDataDir(history.dir, () =>
    runChild<RebuildResult>('bench/children/rebuild.child.ts', [history.dir]),
  );
  // Every projection reads every event.
  if (result.applied !== history.events * result.projections)
    throw new Error(
      `the rebuild applied ${result.applied} events for ${result.projections} projection(s) over ${history.events}`,
    );
  const scanRate = {
    label: 'plain better-sqlite3 scan of the same events, data parsed',
    value: scan.result.events / scan.result.seconds,
  };
  const figures: Figure[] = [
    {
      name: 'events/s',
      unit: 'events/s',
      value: history.events / result.seconds,
      better: 'higher',
      baseline: scanRate,
      targets: [{ kind: 'atLeast', value: 150_000 }],
    },
    {
      name: `time for ${formatNumber(history.events)} events`,
      unit: 's',
      value: result.seconds,
      better: 'lower',
      baseline: { label: 'the plain scan', value: scan.result.seconds },
      targets: history.events >= 1_000_000 ? [{ kind: 'atMost', value: 7 }] : undefined,
    },
    {
      name: 'peak memory (max RSS of the process)',
      unit: 'MB',
      value: stats.maxRssMb,
      better: 'lower',
      baseline: { label: 'max RSS of the plain scan process', value: scan.stats.maxRssMb },
      targets: [{ kind: 'atMost', value: 300 }],
    },
    {
      name: `where it goes: readAll, SQLite adapter alone (first ${formatNumber(sample)} events)`,
      unit: 'events/s',
      value: reads.result.engine,
      better: 'higher',
      baseline: scanRate,
    },
    {
      name: `where it goes: readAll through the decryption layer (first ${formatNumber(sample)} events)`,
      unit: 'events/s',
      value: reads.result.layered,
      better: 'higher',
      baseline: scanRate,
    },
  ];
  const r: ScenarioResult = {
    id: 'rebuild',
    title: `3. Projection rebuild, ${formatNumber(history.events)} events`,
    figures,
    notes: [
      ...rebuildNotes(history, result, loader.stats.maxRssMb, bareNodeRssMb()),
      limitNote(result, history.events, scanRate.value, reads.result),
    ],
  };
  if (plan.profile === 'all' || (plan.profile === 'missed' && missedTargets(r).length > 0)) {
    const file = await inDataDir(history.dir, () =>
      profileRebuild(history.dir, join(profileDir, 'rebuild.cpuprofile'), plan.rebuild.profileSeconds),
    );
    r.profiles = [summariseProfile(`the first ${plan.rebuild.profileSeconds} s of the rebuild`, file)];
  }
  return r;
}

function rebuildNotes(
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
function limitNote(result: RebuildResult, events: number, scanRate: number, reads: ReadRates): string {
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
