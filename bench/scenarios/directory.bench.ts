import type { Request } from 'autocannon';
import { join } from 'node:path';
import { openDirectory } from '@app/directory';
import { existsSync } from 'node:fs';
import { summariseProfile } from '../lib/cpu-profile';
import type { ScenarioResult } from '../lib/figures';
import { formatNumber } from '../lib/figures';
import { TMPFS, load, onTmpfs } from '../lib/http-load';
import type { Load } from '../lib/http-load';
import { SequentialClient } from '../lib/http-sampler';
import type { Plan } from '../lib/plan';
import { startApi, startBare } from '../lib/servers';
import type { Server } from '../lib/servers';
import { msSince, percentile } from '../lib/stats';
import { buildFeed, searchPath, searches } from './directory.feed';
import type { Search } from './directory.feed';
import { plainImportSeconds, runDirectoryCli } from './directory.import';
import { DISTINCT_SEARCHES, SEARCH_P99_MS, directoryFigures, directoryNotes } from './directory.notes';
import type { Measured, Sampled } from './directory.notes';

/** A page's count from the start of its JSON (not parsed whole, so the client makes little garbage while it measures). */
const counted = (body: string, field: 'total_items' | 'size'): number =>
  Number(new RegExp(`"${field}":(\\d+)`).exec(body.slice(0, 300))?.[1] ?? 0);

/** `samples` GETs one at a time on one keep-alive connection, cycling through `paths`, after `warmup` unmeasured. */
async function sequential(port: number, paths: string[], warmup: number, samples: number): Promise<Sampled> {
  const client = new SequentialClient(port);
  const out: Sampled = { ms: [], bytes: 0, items: 0, size: 0 };
  try {
    for (let i = 0; i < warmup + samples; i++) {
      const path = paths[i % paths.length]!;
      const start = process.hrtime.bigint();
      const reply = await client.send('GET', path);
      const ms = msSince(start);
      if (reply.status !== 200)
        throw new Error(`GET ${path} answered ${reply.status}: ${reply.body.slice(0, 300)}`);
      if (i < warmup) continue;
      out.ms.push(ms);
      out.bytes += Buffer.byteLength(reply.body) / samples;
      out.items += counted(reply.body, 'total_items') / samples;
      out.size += counted(reply.body, 'size') / samples;
    }
    return out;
  } finally {
    client.close();
  }
}

/** autocannon at the HTTP scenario's connections, each request the next of `paths`. */
async function loaded(port: number, paths: string[], plan: Plan): Promise<Load> {
  let next = 0;
  const requests: Request[] = [
    { method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) },
  ];
  await load(port, requests, plan.http.connections, plan.http.warmupSeconds);
  return load(port, requests, plan.http.connections, plan.http.seconds);
}

async function measure(server: Server, paths: string[], plan: Plan): Promise<Measured> {
  const { warmup, samples } = plan.directory;
  const before = await server.cpuMs();
  const one = await sequential(server.port, paths, warmup, samples);
  const cpuMsPerSearch = ((await server.cpuMs()) - before) / (warmup + samples);
  return { one, cpuMsPerSearch, many: await loaded(server.port, paths, plan) };
}

/** The same searches through the store in this process: the query and the documents, no HTTP. */
async function inProcess(dataDir: string, list: Search[], plan: Plan): Promise<number[]> {
  const { store, close } = await openDirectory({ kind: 'sqlite' }, dataDir);
  const { warmup, samples } = plan.directory;
  const ms: number[] = [];
  try {
    for (let i = 0; i < warmup + samples; i++) {
      const s = list[i % list.length]!;
      const start = process.hrtime.bigint();
      await store.services(
        { age: s.age, taxonomyTermId: s.termId, near: { ...s } },
        { page: 1, perPage: 50 },
      );
      if (i >= warmup) ms.push(msSince(start));
    }
    return ms;
  } finally {
    await close();
  }
}

const wantsProfile = (plan: Plan, p99: number) =>
  plan.profile === 'all' || (plan.profile === 'missed' && p99 > SEARCH_P99_MS);

/**
 * Issue 19's directory targets: a feed of `services` HSDS services at `locations` venues (the synthetic
 * directory cloned) imported with the real CLI into a fresh DATA_DIR, then searched by age, need and
 * distance over HTTP against the real API, beside a plain SQLite import and a bare node:http server.
 */
export async function directoryScenario(
  plan: Plan,
  workDir: string,
  profileDir: string,
): Promise<ScenarioResult> {
  const { services, locations } = plan.directory;
  const feed = buildFeed(join(workDir, 'directory-feed.json'), services, locations);
  const dataDir = join(workDir, 'directory');
  const startup = await runDirectoryCli(['--help'], join(workDir, 'directory-help'));
  const imported = await runDirectoryCli(['import', feed.file], dataDir);
  const tmpfs = existsSync(TMPFS)
    ? await onTmpfs((dir) => runDirectoryCli(['import', feed.file], dir))
    : undefined;
  const plainSeconds = plainImportSeconds(workDir, feed.file);
  const list = searches(feed, DISTINCT_SEARCHES);
  const paths = list.map(searchPath);
  const app = await measureApi(plan, dataDir, paths, profileDir);
  const bytes = Math.round(app.one.bytes);
  const bare = await startBare({ post: bytes, history: bytes, get: bytes });
  let baseline: Measured;
  try {
    baseline = await measure(bare, paths, plan);
  } finally {
    await bare.stop();
  }
  const queries = await inProcess(dataDir, list, plan);
  const run = { feed, imported, startup: startup.seconds, tmpfs, plainSeconds, app, baseline, queries };
  const result: ScenarioResult = {
    id: 'directory',
    title: `8. Community directory, ${formatNumber(feed.services)} services at ${formatNumber(feed.locations)} locations`,
    figures: directoryFigures(plan, run),
    notes: directoryNotes(plan, run),
  };
  if (app.profile)
    result.profiles = [summariseProfile('referral API answering the searches one at a time', app.profile)];
  return result;
}

/** The real API on the imported directory: one client, then the load; CPU-profiled when asked or the target is missed. */
async function measureApi(
  plan: Plan,
  dataDir: string,
  paths: string[],
  profileDir: string,
): Promise<Measured> {
  const api = await startApi(dataDir, { DIRECTORY_SEED: 'false' });
  try {
    const app = await measure(api, paths, plan);
    if (!wantsProfile(plan, percentile(app.one.ms, 99))) return app;
    const file = join(profileDir, 'directory-search.cpuprofile');
    await api.profile(file, () => sequential(api.port, paths, 0, plan.directory.samples));
    return { ...app, profile: file };
  } finally {
    await api.stop();
  }
}
