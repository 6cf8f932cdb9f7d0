import { Session } from 'node:inspector/promises';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; hitCount?: number; children?: number[] };
export type CpuProfile = {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
};

export type Share = { name: string; selfPct: number };

/** Where the CPU went in one profile: top functions by self time, and self time by package or repo area. */
export type ProfileSummary = {
  label: string;
  file: string;
  seconds: number;
  idlePct: number;
  top: Share[];
  areas: Share[];
};

const ROOT = join(__dirname, '..', '..');
const NOT_WORK = new Set(['(idle)', '(root)']);

/** Summarises a `.cpuprofile` (from `node --cpu-prof` or the inspector); shares are of non-idle samples. */
export function summariseProfile(label: string, file: string, topN = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const frames = new Map<string, number>();
  const areas = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    if (NOT_WORK.has(node.callFrame.functionName)) {
      idle += hits;
      continue;
    }
    busy += hits;
    add(frames, frameName(node.callFrame), hits);
    add(areas, areaOf(node.callFrame), hits);
  }
  const shares = (m: Map<string, number>, n: number): Share[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, hits]) => ({ name, selfPct: (100 * hits) / Math.max(busy, 1) }));
  return {
    label,
    file: relative(ROOT, file),
    seconds: (profile.endTime - profile.startTime) / 1e6,
    idlePct: (100 * idle) / Math.max(busy + idle, 1),
    top: shares(frames, topN),
    areas: shares(areas, 10),
  };
}

/** The V8 sampling profiler of this process (what `node --cpu-prof` records), started and stopped on demand. */
export class InProcessProfiler {
  private session?: Session;

  async start(): Promise<void> {
    this.session = new Session();
    this.session.connect();
    await this.session.post('Profiler.enable');
    await this.session.post('Profiler.setSamplingInterval', { interval: 200 });
    await this.session.post('Profiler.start');
  }

  /** Stops and writes the profile to `file`. */
  async stop(file: string): Promise<string> {
    if (!this.session) throw new Error('the profiler was not started');
    const { profile } = await this.session.post('Profiler.stop');
    this.session.disconnect();
    this.session = undefined;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(profile));
    return file;
  }
}

/** Profiles `work` in this process and saves the profile as `dir/name.cpuprofile`. */
export async function profileInProcess(
  dir: string,
  name: string,
  work: () => Promise<void>,
): Promise<string> {
  const profiler = new InProcessProfiler();
  await profiler.start();
  try {
    await work();
  } finally {
    await profiler.stop(join(dir, `${name}.cpuprofile`));
  }
  return join(dir, `${name}.cpuprofile`);
}

/**
 * Rewrites a `node --cpu-prof` profile keeping only its samples from `fromMs` to `toMs` after it
 * started (leaving out, say, a process's start-up and its wait to be stopped), so its shares are of
 * the work between. Hit counts are recounted from the samples kept.
 */
export function keepProfileWindow(file: string, fromMs: number, toMs: number): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const { samples, timeDeltas } = profile;
  if (!samples || !timeDeltas) throw new Error(`${file} has no samples to trim`);
  const from = profile.startTime + fromMs * 1000;
  const to = profile.startTime + toMs * 1000;
  const hits = new Map<number, number>();
  let at = profile.startTime;
  let first = to;
  let last = from;
  samples.forEach((id, i) => {
    at += timeDeltas[i]!;
    if (at < from || at > to) return;
    first = Math.min(first, at);
    last = Math.max(last, at);
    hits.set(id, (hits.get(id) ?? 0) + 1);
  });
  for (const node of profile.nodes) node.hitCount = hits.get(node.id) ?? 0;
  const trimmed = { ...profile, startTime: first, endTime: last, samples: undefined, timeDeltas: undefined };
  writeFileSync(file, JSON.stringify(trimmed));
}

/**
 * The share of busy samples (in %) whose stack holds a frame matching `frame`, e.g. everything under
 * `jsonwebtoken.verify`: inclusive time, which self time alone hides.
 */
export function inclusiveShare(
  file: string,
  frame: (f: { functionName: string; url: string }) => boolean,
): number {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const parent = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  let busy = 0;
  let matched = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0 || NOT_WORK.has(node.callFrame.functionName)) continue;
    busy += hits;
    for (let n: ProfileNode | undefined = node; n; n = parent.get(n.id)) {
      if (frame(n.callFrame)) {
        matched += hits;
        break;
      }
    }
  }
  return (100 * matched) / Math.max(busy, 1);
}

function add(map: Map<string, number>, key: string, hits: number): void {
  map.set(key, (map.get(key) ?? 0) + hits);
}

function shortUrl(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(path);
  if (inModules) return `${inModules[1]}/${inModules[2]}`;
  return path.startsWith(ROOT) ? relative(ROOT, path) : path;
}

function frameName(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name.startsWith('(') ? name : `${name} (native)`;
  return `${name} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
}

function areaOf(frame: CallFrame): string {
  if (!frame.url)
    return frame.functionName.startsWith('(') ? frame.functionName : 'native code (addons, builtins)';
  const path = frame.url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (pkg) return pkg[1]!;
  if (path.startsWith('node:')) return 'node core';
  const repo = /^(apps\/[^/]+|libs\/[^/]+|bench)\//.exec(relative(ROOT, path));
  return repo ? repo[1]! : 'other';
}
