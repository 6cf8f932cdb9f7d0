import { join } from 'node:path';
import { inclusiveShare, summariseProfile } from '../lib/cpu-profile';
import { syncedCommitsPerSecond } from '../lib/disk-sync';
import type { ProfileSummary } from '../lib/cpu-profile';
import type { Figure, ScenarioResult } from '../lib/figures';
import { formatNumber, missedTargets } from '../lib/figures';
import { SequentialClient } from '../lib/http-sampler';
import type { Plan } from '../lib/plan';
import { bearer, startApi, startBare } from '../lib/servers';
import { BenchChild } from '../lib/child';
import type { ChildMessage } from '../lib/child';
import { REFERRAL_ID, given } from '../lib/replay-setup';
import { percentile } from '../lib/stats';

type Samples = { ms: number[]; bytes: number };
/** In-process samples (ms), from a child process of their own, and V8's GC pauses meanwhile (ms, ascending). */
type InProcess = ChildMessage & {
  layered: number[];
  engine: number[];
  plain: number[];
  gcMs: number[];
  profiled?: string;
};

async function inProcessChild(
  dataDir: string,
  stream: string,
  plan: Plan,
  profileFile?: string,
): Promise<InProcess> {
  const args = [dataDir, stream, plan.quick ? 'quick' : 'full', ...(profileFile ? [profileFile] : [])];
  const child = new BenchChild('bench/children/replay-in-process.child.ts', args);
  try {
    const result = await child.next<InProcess>('result', 300_000);
    await child.exited;
    return result;
  } finally {
    child.kill();
  }
}

const fig = (name: string, value: number, label: string, baseline: number, atMost?: number): Figure => ({
  name,
  unit: 'ms',
  value,
  better: 'lower',
  baseline: { label, value: baseline },
  targets: atMost === undefined ? undefined : [{ kind: 'atMost', value: atMost }],
});

/** Replay of a 100-event referral: p50/p99 in process and over HTTP (history and the referral itself). */
export async function replayScenario(
  plan: Plan,
  workDir: string,
  profileDir: string,
): Promise<ScenarioResult> {
  const dataDir = join(workDir, 'replay-api');
  const stream = await given(dataDir, plan);
  const syncRate = syncedCommitsPerSecond(workDir, 1);
  const inProcessProfile =
    plan.profile === 'none' ? undefined : join(profileDir, 'replay-in-process.cpuprofile');
  const local = await inProcessChild(dataDir, stream, plan, inProcessProfile);
  const paths = { history: `/v1/referrals/${REFERRAL_ID}/history`, referral: `/v1/referrals/${REFERRAL_ID}` };
  const auth = { authorization: bearer('service_manager', 'sm-bench') };
  const { warmup, httpSamples } = plan.replay;
  const api = await startApi(dataDir);
  let app: Record<'history' | 'referral', Samples>;
  try {
    const client = new SequentialClient(api.port);
    app = {
      history: await client.latencies(paths.history, auth, warmup, httpSamples),
      referral: await client.latencies(paths.referral, auth, warmup, httpSamples),
    };
    client.close();
  } finally {
    await api.stop();
  }
  const bare = await startBare({ post: 60, history: app.history.bytes, get: app.referral.bytes });
  let base: Record<'history' | 'referral', Samples>;
  try {
    const client = new SequentialClient(bare.port);
    base = {
      history: await client.latencies(paths.history, auth, warmup, httpSamples),
      referral: await client.latencies(paths.referral, auth, warmup, httpSamples),
    };
    client.close();
  } finally {
    await bare.stop();
  }
  const n = plan.replay.events;
  const plainLabel = `plain better-sqlite3 SELECT of the same ${n} rows`;
  const bareLabel = (what: Samples) => `bare node:http server, ${formatNumber(what.bytes)}-byte answer`;
  const figures = [
    fig(
      'in process: DeciderStore.load, API store layers, p50',
      percentile(local.layered, 50),
      plainLabel,
      percentile(local.plain, 50),
    ),
    fig(
      'in process: DeciderStore.load, API store layers, p99',
      percentile(local.layered, 99),
      plainLabel,
      percentile(local.plain, 99),
      5,
    ),
    fig(
      'in process: DeciderStore.load, SQLite adapter alone, p99',
      percentile(local.engine, 99),
      plainLabel,
      percentile(local.plain, 99),
    ),
    ...(['history', 'referral'] as const).flatMap((k) => [
      fig(
        `HTTP GET ${k === 'history' ? '/v1/referrals/{id}/history' : '/v1/referrals/{id}'} p50`,
        percentile(app[k].ms, 50),
        bareLabel(app[k]),
        percentile(base[k].ms, 50),
      ),
      fig(
        `HTTP GET ${k === 'history' ? '/v1/referrals/{id}/history' : '/v1/referrals/{id}'} p99`,
        percentile(app[k].ms, 99),
        bareLabel(app[k]),
        percentile(base[k].ms, 99),
        15,
      ),
    ]),
  ];
  const result: ScenarioResult = {
    id: 'replay',
    title: `4. Audit replay of a ${n}-event referral`,
    figures,
    notes: [
      `Store: ${formatNumber(plan.replay.otherReferrals)} other generated referrals plus one of exactly ${n} events (intake, consent, goals, sessions and outcome measures through the real decider). ${formatNumber(plan.replay.samples)} sequential samples in process and ${formatNumber(httpSamples)} per endpoint over HTTP, each after ${formatNumber(warmup)} unmeasured ones; percentiles are nearest-rank.`,
      `In process: \`DeciderStore.load(referralDecider, stream)\` reads the stream, parses each event and folds it through \`evolve\`, over the store as the API layers it (hash chain, personal data decrypted) and over the SQLite adapter alone, keeping no fold between samples, so each folds the whole stream as an auditor's first replay does; the baseline only selects the same rows. Over HTTP: one keep-alive connection to the API (started by \`createApp\` on the same DATA_DIR, as a service manager) and then to the bare server answering the same number of bytes. Both endpoints load the referral through the API's DeciderStore, which keeps the folds of the referrals it loaded last and reads from the store only the events appended since (docs/adr/0025-decider-folds-kept-between-commands.md): none here after the first request, so the HTTP rows are reads of a referral this instance has read before (a link worker's or an auditor's second look); an instance's first read of a referral folds the whole stream, as the in-process rows do.`,
    ],
  };
  result.notes.push(...tailNotes(local, syncRate));
  if (plan.profile === 'all' || (plan.profile === 'missed' && missedTargets(result).length > 0)) {
    const { summaries, httpFile } = await profiles(
      plan,
      dataDir,
      profileDir,
      paths.history,
      auth,
      local.profiled,
    );
    result.profiles = summaries;
    const logged = inclusiveShare(httpFile, (f) => f.url.includes('access-log'));
    if (logged >= 1)
      result.notes.push(
        `In the API's profile, recording the read in the access log (AccessLogInterceptor: an append with a synced commit before the answer leaves) takes ${formatNumber(logged)}% of the CPU, and its commit waits for the disk on top: every GET of a referral or its history pays one synced commit, ${formatNumber(1000 / syncRate)} ms here, so the HTTP p50 cannot drop below that.`,
      );
  }
  return result;
}

/** What the tails say: a baseline whose own p99 is far above its p50 shows the machine, not the code. */
function tailNotes(local: InProcess, syncRate: number): string[] {
  const spread = percentile(local.plain, 99) / percentile(local.plain, 50);
  const notes = [
    `Disk: plain better-sqlite3 made ${formatNumber(syncRate)} synced single-row commits/s in the same folder just before (${formatNumber(1000 / syncRate)} ms each).`,
  ];
  const gc = local.gcMs;
  if (gc.length > 0) {
    const longest = gc[gc.length - 1]!;
    const tail = percentile(local.layered, 99) - percentile(local.layered, 50);
    notes.push(
      `Garbage collection: V8 paused this process ${formatNumber(gc.length)} times during its in-process samples (all three series), ${formatNumber(gc.reduce((a, b) => a + b, 0))} ms in all, the longest ${formatNumber(longest)} ms; ` +
        (longest >= tail
          ? `a single pause is as long as the layered p99 is above its p50 (${formatNumber(tail)} ms), so that tail is a collection landing in a sample: each load allocates every event's parsed data, decrypted fields and the folded state.`
          : `shorter than the layered p99's distance from its p50 (${formatNumber(tail)} ms), so collection alone does not explain that tail.`),
    );
  }
  if (spread > 5)
    notes.push(
      `The plain SELECT's own p99 is ${formatNumber(spread)}x its p50: on this shared machine the tail is mostly the process being descheduled, which no code change removes; compare the p50s and the ratios.`,
    );
  return notes;
}

async function profiles(
  plan: Plan,
  dataDir: string,
  profileDir: string,
  path: string,
  auth: Record<string, string>,
  inProcessFile: string | undefined,
): Promise<{ summaries: ProfileSummary[]; httpFile: string }> {
  const api = await startApi(dataDir);
  try {
    const client = new SequentialClient(api.port);
    const file = await api.profile(join(profileDir, 'replay-http.cpuprofile'), () =>
      client.latencies(path, auth, 0, plan.replay.httpSamples),
    );
    client.close();
    return {
      summaries: [
        ...(inProcessFile
          ? [summariseProfile('DeciderStore.load of the long referral, in process', inProcessFile)]
          : []),
        summariseProfile('GET /v1/referrals/{id}/history, API process', file),
      ],
      httpFile: file,
    };
  } finally {
    await api.stop();
  }
}
