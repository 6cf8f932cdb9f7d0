import type { Request } from 'autocannon';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { referralCommands } from '../lib/command-sequence';
import { inclusiveShare, summariseProfile } from '../lib/cpu-profile';
import type { ProfileSummary } from '../lib/cpu-profile';
import type { Figure, ScenarioResult } from '../lib/figures';
import { formatNumber, missedTargets } from '../lib/figures';
import { syncedCommitsPerSecond } from '../lib/disk-sync';
import { TMPFS, load, loadApi, onTmpfs } from '../lib/http-load';
import type { ApiRun, Load } from '../lib/http-load';
import type { Plan } from '../lib/plan';
import { startApi, startBare } from '../lib/servers';
import { visibilityFigures, visibilityNote } from '../lib/visibility-probe';

/** Commands over HTTP against the real API at 64 connections, beside a bare node:http server. */
export async function httpCommandsScenario(
  plan: Plan,
  workDir: string,
  profileDir: string,
): Promise<ScenarioResult> {
  const { connections, warmupSeconds, seconds } = plan.http;
  const { requests, perReferral } = referralCommands();
  const syncRate = syncedCommitsPerSecond(workDir, 2);
  const app = await loadApi(plan, join(workDir, 'http-api'), requests);
  const inMemory = existsSync(TMPFS) ? await onTmpfs((dir) => loadApi(plan, dir, requests)) : undefined;
  const split = await loadApi(plan, join(workDir, 'http-api-split'), requests, { separateProjector: true });
  const floor = await frameworkFloor(plan, join(workDir, 'http-api-floor'));
  const bare = await startBare({ post: app.bytes, history: app.bytes, get: app.bytes });
  let baseline: Load;
  try {
    await load(bare.port, requests, connections, warmupSeconds);
    baseline = await load(bare.port, requests, connections, seconds);
  } finally {
    await bare.stop();
  }
  const label = `bare node:http server, same requests, ${app.bytes}-byte answers`;
  const figures: Figure[] = [
    {
      name: 'commands/s (2xx)',
      unit: 'commands/s',
      value: app.load.rate,
      better: 'higher',
      baseline: { label, value: baseline.rate },
      targets: [
        { kind: 'atLeast', value: 4_000 },
        { kind: 'ratioAtLeast', value: 0.3 },
      ],
    },
    {
      name: 'latency p50',
      unit: 'ms',
      value: app.load.p50,
      better: 'lower',
      baseline: { label, value: baseline.p50 },
    },
    {
      name: 'latency p99',
      unit: 'ms',
      value: app.load.p99,
      better: 'lower',
      baseline: { label, value: baseline.p99 },
      targets: [{ kind: 'atMost', value: 30 }],
    },
  ];
  if (inMemory) {
    figures.push(
      {
        name: 'where it goes: commands/s with DATA_DIR on tmpfs (syncs cost nothing)',
        unit: 'commands/s',
        value: inMemory.load.rate,
        better: 'higher',
        baseline: { label, value: baseline.rate },
      },
      {
        name: 'where it goes: latency p99 with DATA_DIR on tmpfs',
        unit: 'ms',
        value: inMemory.load.p99,
        better: 'lower',
        baseline: { label, value: baseline.p99 },
      },
    );
  }
  figures.push(
    {
      name: 'deployed as API + projector processes (RUN_PROJECTIONS=false, `npm run start:projector`): commands/s',
      unit: 'commands/s',
      value: split.load.rate,
      better: 'higher',
      baseline: { label, value: baseline.rate },
    },
    {
      name: 'deployed as API + projector processes: latency p99',
      unit: 'ms',
      value: split.load.p99,
      better: 'lower',
      baseline: { label, value: baseline.p99 },
    },
  );
  figures.push(...visibilityFigures(app.visibleAfterMs, split.visibleAfterMs));
  figures.push({
    name: 'GET /health/live on the same API (every middleware, no store, no validation): requests/s',
    unit: 'requests/s',
    value: floor.rate,
    better: 'higher',
    baseline: { label, value: baseline.rate },
    targets: [{ kind: 'ratioAtLeast', value: 0.6 }],
  });
  const result: ScenarioResult = {
    id: 'http',
    title: `2. HTTP commands, ${connections} connections`,
    figures,
    notes: [
      ...httpNotes(plan, perReferral, app, baseline, syncRate, inMemory?.load),
      splitNotes(app, split),
      visibilityNote(app.visibleAfterMs.length),
      `Framework ceiling: the same API answers GET /health/live, which runs every middleware (security headers, metrics, request log, authentication, rate limit) and Nest's routing but touches no store, at ${formatNumber(floor.rate)} requests/s (p99 ${formatNumber(floor.p99)} ms), ${formatNumber(floor.rate / Math.max(baseline.rate, 1e-9))}x the bare server: no route of this API, command or not, can go faster on this machine with this stack.`,
    ],
  };
  if (plan.profile === 'all' || (plan.profile === 'missed' && missedTargets(result).length > 0)) {
    const { summary, file } = await profileApi(plan, workDir, profileDir, requests);
    result.profiles = [summary];
    result.notes.push(profileNotes(file, app));
  }
  return result;
}

function httpNotes(
  plan: Plan,
  perReferral: number,
  app: ApiRun,
  baseline: Load,
  syncRate: number,
  inMemory?: Load,
): string[] {
  const { connections, warmupSeconds, seconds } = plan.http;
  const notes = [
    `autocannon, ${connections} connections for ${seconds} s after a ${warmupSeconds} s warm-up, against the API started by \`createApp\` (NODE_ENV=production, LOG_LEVEL=info to /dev/null, projections in process, event store synchronous=FULL, the per-user write rate limit off since the load comes from two users) in its own process on 127.0.0.1 with a fresh DATA_DIR. Each connection walks referrals through ${perReferral} commands: create, accept, consent, goals, session, outcome, session (missed), end, each after the first with If-Match.`,
    `${formatNumber(app.load.ok)} commands answered 2xx; ${failures(app.load)}. The baseline answered ${formatNumber(baseline.ok)}.` +
      (app.stats ? ` The API process peaked at ${formatNumber(app.stats.maxRssMb)} MB.` : ''),
    `Disk: just before the run, plain better-sqlite3 made ${formatNumber(syncRate)} single-row commits/s with synchronous=FULL in the same folder (${formatNumber(1000 / syncRate)} ms each). Every command commits its event with a sync, a create also syncs a new data key, and the projections commit their batches.`,
  ];
  if (inMemory) {
    const gain = inMemory.rate / Math.max(app.load.rate, 1e-9);
    const verdict =
      gain > 1.3
        ? `${formatNumber(gain)}x the first row, so waiting for the disk costs that much`
        : `no more than 30% above the first row (${formatNumber(gain)}x), so the disk is not what limits it`;
    notes.push(
      `The tmpfs rows run the same API with DATA_DIR on ${TMPFS}, where a sync costs nothing: ${formatNumber(inMemory.rate)} commands/s (p99 ${formatNumber(inMemory.p99)} ms), ${verdict}.`,
    );
  }
  return notes;
}

/**
 * What Nest, Fastify and the API's hooks (security headers, metrics, request log, authentication,
 * rate limit, body reading) cost before any command work: the ceiling of any route of this API here.
 */
async function frameworkFloor(plan: Plan, dataDir: string): Promise<Load> {
  const api = await startApi(dataDir);
  try {
    const live: Request[] = [{ method: 'GET', path: '/health/live' }];
    await load(api.port, live, plan.http.connections, plan.http.warmupSeconds);
    return await load(api.port, live, plan.http.connections, plan.http.seconds);
  } finally {
    await api.stop();
  }
}

/** What running the projections in their own process changes: the API's CPU per command, the projector's, and its lag. */
function splitNotes(app: ApiRun, split: ApiRun): string {
  const perCommand = (cpuMs: number, run: ApiRun) => formatNumber(cpuMs / Math.max(1, run.load.ok));
  const projector = split.projector;
  return `The "deployed as" rows run the same API with RUN_PROJECTIONS=false and the standalone projector (apps/referral-projector) following the same DATA_DIR from its own process, so the two use both cores: ${formatNumber(split.load.rate)} commands/s, ${formatNumber(split.load.rate / Math.max(app.load.rate, 1e-9))}x the in-process row. The API then used ${perCommand(split.cpuMs, split)} ms of CPU per command (against ${perCommand(app.cpuMs, app)} ms with the projections in process)${projector ? ` and the projector ${perCommand(projector.cpuMs, split)} ms; at the end of the window the projector was ${formatNumber(projector.lagEvents)} events behind the store` : ''}. ${failures(split.load)}.`;
}

/** Non-2xx answers by status and requests left unanswered; a failed command also fails the rest of its referral's walk. */
function failures(load: Load): string {
  const statuses = Object.entries(load.statuses).filter(([, n]) => n > 0);
  if (statuses.length === 0 && load.errors === 0) return 'none failed';
  const answered = statuses.map(([code, n]) => `${formatNumber(n)} answered ${code}`);
  const unanswered = load.errors > 0 ? [`${formatNumber(load.errors)} got no answer within 30 s`] : [];
  return `${[...answered, ...unanswered].join(', ')}; only the 2xx count towards the figures`;
}

/** The same load for a shorter window against a fresh API, CPU-profiled after its start-up. */
async function profileApi(
  plan: Plan,
  workDir: string,
  profileDir: string,
  requests: Request[],
): Promise<{ summary: ProfileSummary; file: string }> {
  const api = await startApi(join(workDir, 'http-api-profiled'));
  try {
    const file = await api.profile(join(profileDir, 'http-api.cpuprofile'), () =>
      load(api.port, requests, plan.http.connections, plan.http.profileSeconds),
    );
    return {
      summary: summariseProfile(
        `referral API under the same command load, ${plan.http.profileSeconds} s`,
        file,
      ),
      file,
    };
  } finally {
    await api.stop();
  }
}

/** What the profile says limits the API, as shares of its CPU (inclusive of what each calls). */
function profileNotes(file: string, app: ApiRun): string {
  const cpuMsPerCommand = app.cpuMs / Math.max(1, app.load.ok);
  const onCpu = app.cpuMs / (app.load.seconds * 1000);
  const share = (test: (url: string, name: string) => boolean) =>
    Math.round(inclusiveShare(file, (f) => test(f.url, f.functionName)));
  const jwtShare = share((url) => url.includes('jsonwebtoken/verify.js'));
  const publicKey = share((url, name) => name === 'createPublicKey' && url.includes('crypto/keys'));
  const projections = share(
    (url) => url.includes('read-models/src/runner/') || url.includes('event-store/src/follow.loop'),
  );
  const validation = share((url) => url.includes('class-validator') || url.includes('class-transformer'));
  const store = share((url) => url.includes('libs/event-store/src/') || url.includes('libs/privacy/src/'));
  return `Limit: the API process used ${formatNumber(cpuMsPerCommand)} ms of CPU per command in the measured window (\`process.cpuUsage\`), so one core caps it near ${formatNumber(1000 / cpuMsPerCommand)} commands/s whatever the disk does, and 4,000 commands/s would need about 0.25 ms; it was on a CPU ${formatNumber(onCpu * 100)}% of the window${onCpu < 0.8 ? ', the rest of the time waiting for the disk or for the cores the load generator and other processes were using' : ''}. By inclusive share of that CPU: verifying the bearer token ${jwtShare}%${publicKey >= 2 ? ` (${publicKey}% in crypto.createPublicKey: given the HS256 secret as a string, jsonwebtoken 9 first tries to parse it as a public key on every call; a KeyObject made once avoids that)` : ''}, the in-process projections following every append ${projections}%, request validation (class-validator, class-transformer) ${validation}%, the event store with its hash chain and encryption layers ${store}%; the rest is Nest, Fastify, pino and Node's HTTP.${cpuMsPerCommand > 1 ? ' No single part is worth the factor the target needs; it takes several of them.' : ''}`;
}
