import { inclusiveShare } from '../lib/cpu-profile';
import type { Figure } from '../lib/figures';
import { formatNumber } from '../lib/figures';
import type { Load } from '../lib/http-load';
import type { Plan } from '../lib/plan';
import { percentile } from '../lib/stats';
import type { Feed } from './directory.feed';
import type { CliRun } from './directory.import';

/** The bounds: a search's p99 over HTTP, and the import of the whole feed. */
export const SEARCH_P99_MS = 20;
const IMPORT_SECONDS = 30;
export const DISTINCT_SEARCHES = 500;

/** Sequential searches: latencies, and the mean answer (bytes, services matched, services on the page). */
export type Sampled = { ms: number[]; bytes: number; items: number; size: number };
/** `cpuMsPerSearch`: the server process's CPU (all its threads) per sequential search. */
export type Measured = { one: Sampled; cpuMsPerSearch: number; many: Load; profile?: string };

export type DirectoryRun = {
  feed: Feed;
  imported: CliRun;
  /** Seconds the CLI takes to start and answer `--help`. */
  startup: number;
  tmpfs?: CliRun;
  plainSeconds: number;
  app: Measured;
  baseline: Measured;
  /** Latencies of the same searches in process. */
  queries: number[];
};

const count = (n: number) => Math.round(n).toLocaleString('en-GB');

function importFigures(run: DirectoryRun): Figure[] {
  const baseline = {
    label: 'plain better-sqlite3: the same documents by id, one synced transaction each',
    value: run.plainSeconds,
  };
  const figures: Figure[] = [
    {
      name: 'import of the feed with `npm run directory:import` (wall clock, start-up included)',
      unit: 's',
      value: run.imported.seconds,
      better: 'lower',
      baseline,
      targets: [{ kind: 'atMost', value: IMPORT_SECONDS }],
    },
  ];
  if (run.tmpfs)
    figures.push({
      name: 'where it goes: the same import with DATA_DIR on tmpfs (syncs cost nothing)',
      unit: 's',
      value: run.tmpfs.seconds,
      better: 'lower',
      baseline,
    });
  return figures;
}

function searchFigures(plan: Plan, { app, baseline, queries }: DirectoryRun): Figure[] {
  const one = `bare node:http server, same requests, ${count(app.one.bytes)}-byte answers, one client`;
  const many = `the same bare server at ${plan.http.connections} connections`;
  const c = plan.http.connections;
  const name = 'search by age, need and 3 km of a point over HTTP, one client';
  const ms = (figure: string, value: number, label: string, base: number): Figure => ({
    name: figure,
    unit: 'ms',
    value,
    better: 'lower',
    baseline: { label, value: base },
  });
  return [
    ms(`${name}: p50`, percentile(app.one.ms, 50), one, percentile(baseline.one.ms, 50)),
    {
      ...ms(`${name}: p99`, percentile(app.one.ms, 99), one, percentile(baseline.one.ms, 99)),
      targets: [{ kind: 'atMost', value: SEARCH_P99_MS }],
    },
    {
      name: `searches/s at ${c} connections`,
      unit: 'searches/s',
      value: app.many.rate,
      better: 'higher',
      baseline: { label: many, value: baseline.many.rate },
    },
    ms(`latency p50 at ${c} connections`, app.many.p50, many, baseline.many.p50),
    ms(`latency p99 at ${c} connections`, app.many.p99, many, baseline.many.p99),
    {
      name: 'where it goes: the same searches in process (DirectoryStore.services, no HTTP), p50',
      unit: 'ms',
      value: percentile(queries, 50),
      better: 'lower',
    },
    {
      name: 'where it goes: the same searches in process, p99',
      unit: 'ms',
      value: percentile(queries, 99),
      better: 'lower',
    },
  ];
}

export const directoryFigures = (plan: Plan, run: DirectoryRun): Figure[] => [
  ...importFigures(run),
  ...searchFigures(plan, run),
];

function failures(l: Load): string {
  const other = Object.values(l.statuses).reduce((a, b) => a + b, 0);
  if (other + l.errors === 0) return 'none failed';
  return `${count(other)} answered other than 2xx and ${count(l.errors)} got no answer; only the 2xx count`;
}

/** Where the API's CPU went while it answered the searches one at a time, as inclusive shares. */
function profileNote(file: string): string {
  const share = (test: (url: string, name: string) => boolean) =>
    Math.round(inclusiveShare(file, (f) => test(f.url, f.functionName)));
  const answer = share((url, name) => name === 'send' && url.includes('fastify/lib/reply'));
  const sql = share((url, name) => name === 'executeQuery' && url.includes('kysely'));
  const splice = share(
    (url, name) => name === 'servicePageJson' && url.includes('libs/directory/src/directory.queries'),
  );
  return `Where the API's CPU went (inclusive shares of the profile below): sending the answer (Fastify's \`reply.send\`: the page's UTF-8 Buffer) ${answer}%, SQL (the candidate ids and coordinates, the page's documents, the open reports) ${sql}%, splicing the stored documents into the page ${splice}%; the rest is Nest, Fastify, the request hooks and Node's HTTP. The tail beyond that is the garbage collector's young-generation pauses (a few ms each, about one every eight searches when traced) and the other processes on the two cores.`;
}

export function directoryNotes(plan: Plan, run: DirectoryRun): string[] {
  const { feed, imported, app, baseline } = run;
  const { warmup, samples } = plan.directory;
  const tmpfs = run.tmpfs
    ? ` With DATA_DIR on tmpfs, where a sync costs nothing, the same import took ${formatNumber(run.tmpfs.seconds)} s: the rest of the time on disk is the synced commit of each batch and the WAL checkpoints.`
    : '';
  const notes = [
    `Feed: the shipped synthetic directory (libs/directory/data, 125 services) cloned to ${count(feed.services)} HSDS 3.0 services with new deterministic ids, ${count(feed.organizations)} organisations and ${count(feed.locations)} venues, each a shipped venue moved to a seeded random point within 5 km of Lancaster and shared by about ${count(feed.services / feed.locations)} services; taxonomy terms as shipped; ${formatNumber(feed.bytes / 1e6)} MB of JSON.`,
    `Import: \`npm run directory:import -- feed.json\` as its own process (production settings, embedded SQLite, synchronous=FULL, a fresh DATA_DIR): read the file, check each service against the HSDS 3.0 schema and the directory's rules, upsert the valid ones with their change records in transactions of 200 services (the organisations and terms they share written once per transaction). It answered "${imported.summary}" in ${formatNumber(imported.seconds)} s, of which ${formatNumber(run.startup)} s is starting the CLI (\`--help\`, measured alone). The baseline is a plain durable one-by-one write of the same documents on this disk, without checks, indexes or history.${tmpfs}`,
    `Searches: ${count(DISTINCT_SEARCHES)} seeded searches, cycled: an age from 5 to 19, one of the ${count(feed.needTerms.size)} needs taxonomy terms, a point within 4 km of the town, \`GET /directory/services?age=&taxonomy_term_id=&lat=&lng=&proximity=3000\` (nearest first, the default page of 50 full HSDS services). On average ${formatNumber(app.one.items)} services matched and ${formatNumber(app.one.size)} were on the page, ${count(app.one.bytes)} bytes.`,
    `One client: ${count(samples)} searches one after another on one keep-alive connection after ${count(warmup)} unmeasured ones, against the API started by \`createApp\` (production settings, DIRECTORY_SEED=false, public directory) on that DATA_DIR; nearest-rank percentiles. This is the issue's p99: how long a link worker waits for a search. The API used ${formatNumber(app.cpuMsPerSearch)} ms of CPU per search (\`process.cpuUsage\`, all its threads), the bare server ${formatNumber(baseline.cpuMsPerSearch)} ms: on two cores shared with the client and anything else running, a search's wall time grows with that CPU whenever the cores are busy (see the load average above). The loaded rows run autocannon for ${plan.http.seconds} s at ${plan.http.connections} connections after ${plan.http.warmupSeconds} s of warm-up, where latency is mostly queueing behind the other connections on two cores; ${failures(app.many)}. The baseline answered ${count(baseline.many.ok)} at that load.`,
    `The in-process rows run the same searches through \`DirectoryStore.services\` in the bench process on the same file once the API has stopped: the SQL and the page's documents parsed, without HTTP, Nest, the open reports or serialising the answer. The search starts from the narrowest index: the services with the term open to the age (the term rows carry their service's ages), then their locations' coordinates within the bounding box, both read from covering indexes; the exact distance, the order and the page are worked out in the process, and only the page's documents are read. Over HTTP those documents are not parsed at all: the API splices the stored JSON text into the page and appends each service's distance and flags.`,
  ];
  if (app.profile) notes.push(profileNote(app.profile));
  return notes;
}
