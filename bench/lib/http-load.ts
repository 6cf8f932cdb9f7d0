import autocannon from 'autocannon';
import type { Request } from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ExitStats } from './child';
import { SequentialClient } from './http-sampler';
import { ProjectorProcess } from './projector-process';
import type { Plan } from './plan';
import { startApi } from './servers';
import { VisibilityProbe } from './visibility-probe';

export const TMPFS = '/dev/shm';

export type Load = {
  rate: number;
  p50: number;
  p99: number;
  ok: number;
  /** Answers other than 2xx, by status code. */
  statuses: Record<string, number>;
  /** Requests with no answer: connection errors and timeouts (30 s). */
  errors: number;
  seconds: number;
};

/** autocannon against 127.0.0.1:port; rate counts 2xx answers only. */
export async function load(
  port: number,
  requests: Request[],
  connections: number,
  seconds: number,
): Promise<Load> {
  const r = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests,
    timeout: 30,
  });
  const statuses = Object.fromEntries(
    Object.entries(r.statusCodeStats ?? {})
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, stats]) => [code, stats.count ?? 0]),
  );
  return {
    rate: r['2xx'] / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok: r['2xx'],
    statuses,
    errors: r.errors,
    seconds: r.duration,
  };
}

/** The size of a command's answer, so the bare server answers the same number of bytes. */
async function commandResponseBytes(port: number, requests: Request[]): Promise<number> {
  const client = new SequentialClient(port);
  try {
    const create = requests[0]!.setupRequest as (req: Request, context: object) => Request;
    const req = create({ method: 'POST', path: '/v1/referrals' }, {});
    const reply = await client.send('POST', '/v1/referrals', req.headers, String(req.body));
    if (reply.status !== 201)
      throw new Error(`creating a referral answered ${reply.status}: ${reply.body.slice(0, 300)}`);
    return Buffer.byteLength(reply.body);
  } finally {
    client.close();
  }
}

/** The API under the command load: its figures, one command's answer size, and the CPU it used while measured. */
export type ApiRun = {
  load: Load;
  bytes: number;
  cpuMs: number;
  stats?: ExitStats;
  /** Acceptance acknowledged to listed in the link worker's caseload, ms, sampled through the measured window. */
  visibleAfterMs: number[];
  /** With the projections in their own process: its CPU in the window and how far behind it was at the end. */
  projector?: { cpuMs: number; lagEvents: number };
};

/**
 * The API on `dataDir` under the command load after a warm-up; with `separateProjector`, the API runs
 * with RUN_PROJECTIONS=false and the standalone projector follows the same DATA_DIR from its own process.
 */
export async function loadApi(
  plan: Plan,
  dataDir: string,
  requests: Request[],
  options: { separateProjector?: boolean } = {},
): Promise<ApiRun> {
  const { connections, warmupSeconds, seconds } = plan.http;
  const api = await startApi(dataDir, options.separateProjector ? { RUN_PROJECTIONS: 'false' } : {});
  const projector = options.separateProjector ? await ProjectorProcess.start(dataDir) : undefined;
  try {
    const bytes = await commandResponseBytes(api.port, requests);
    await load(api.port, requests, connections, warmupSeconds);
    const before = await api.cpuMs();
    const projectorBefore = projector?.cpuMs() ?? 0;
    const probe = VisibilityProbe.start(api.port);
    const measured = await load(api.port, requests, connections, seconds);
    const visibleAfterMs = await probe.stop();
    const cpuMs = (await api.cpuMs()) - before;
    const projectorRun = projector && {
      cpuMs: projector.cpuMs() - projectorBefore,
      lagEvents: projector.lagEvents(),
    };
    return { load: measured, bytes, cpuMs, visibleAfterMs, stats: await api.stop(), projector: projectorRun };
  } catch (error) {
    await api.stop();
    throw error;
  } finally {
    await projector?.stop();
  }
}

/** Runs `work` in a fresh folder on tmpfs, removed afterwards. */
export async function onTmpfs<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(TMPFS, 'cyp-bench-api-'));
  try {
    return await work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
