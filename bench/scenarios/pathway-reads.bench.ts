import { join } from 'node:path';
import type { Figure, ScenarioResult } from '../lib/figures';
import { formatNumber } from '../lib/figures';
import { caughtUp, copyHistory } from '../lib/api-on-history';
import { cachedHistory } from '../lib/history';
import { SequentialClient } from '../lib/http-sampler';
import type { Plan } from '../lib/plan';
import { bearer, startApi } from '../lib/servers';
import { percentile } from '../lib/stats';

/** The bound on each read's p99 over HTTP. */
const P99_MS = 50;

type Read = { name: string; path: string; role: 'link_worker' | 'service_manager' };

/** What a link worker and a manager ask of 200,000 referrals, a page of 50 each. */
const READS: Read[] = [
  { name: 'triage queue', path: '/v1/referrals/queue?limit=50', role: 'link_worker' },
  {
    name: 'filtered search (status, reason, dates)',
    path: '/v1/referrals?status=accepted,active&reason=anxiety&receivedFrom=2025-03-01&receivedTo=2025-09-30&limit=50',
    role: 'service_manager',
  },
  {
    name: 'search by name (blind index)',
    path: '/v1/referrals?name=Person17&limit=50',
    role: 'service_manager',
  },
  {
    name: 'search by NHS number (blind index)',
    path: '/v1/referrals?nhsNumber=9434765919&limit=50',
    role: 'service_manager',
  },
];

/**
 * The triage queue and referral searches over HTTP against the real API on a store of `referrals`
 * generated referrals (the rebuild scenario's cached history), read models built by the API itself.
 */
export async function pathwayReadsScenario(plan: Plan, workDir: string): Promise<ScenarioResult> {
  const { referrals, warmup, samples } = plan.pathway;
  const history = await cachedHistory(referrals, plan.rebuild.eventsPerReferral);
  const dataDir = join(workDir, 'pathway-reads');
  copyHistory(history.dir, dataDir);
  const api = await startApi(dataDir);
  const figures: Figure[] = [];
  const rows: string[] = [];
  let catchUpMs: number;
  try {
    catchUpMs = await caughtUp(api);
    const client = new SequentialClient(api.port);
    try {
      for (const read of READS) {
        const auth = {
          authorization: bearer(read.role, read.role === 'link_worker' ? 'lw-bench' : 'sm-bench'),
        };
        const { ms, bytes } = await client.latencies(read.path, auth, warmup, samples);
        const body = JSON.parse((await client.send('GET', read.path, auth)).body) as { referrals: unknown[] };
        rows.push(`${read.name}: ${body.referrals.length} referrals a page, ${formatNumber(bytes)} bytes`);
        figures.push(
          { name: `${read.name}, p50`, unit: 'ms', value: percentile(ms, 50), better: 'lower' },
          {
            name: `${read.name}, p99`,
            unit: 'ms',
            value: percentile(ms, 99),
            better: 'lower',
            targets: [{ kind: 'atMost', value: P99_MS }],
          },
        );
      }
    } finally {
      client.close();
    }
  } finally {
    await api.stop();
  }
  return {
    id: 'pathway-reads',
    title: `7. Triage queue and search, ${formatNumber(referrals)} referrals`,
    figures,
    notes: [
      `Store: the rebuild scenario's ${formatNumber(history.events)} generated events of ${formatNumber(referrals)} referrals (copied, since every read appends to the access log); the API (built by \`createApp\`, production settings, one process) built its read models from the log on start in ${formatNumber(catchUpMs / 1000)} s, the identity index (keyed blind index) included.`,
      `${formatNumber(samples)} sequential GETs per endpoint on one keep-alive connection after ${formatNumber(warmup)} unmeasured ones, as a link worker (queue) or a service manager (searches); nearest-rank percentiles. Each answer names the young people (opened from their sealed envelopes) and carries duplicate flags, and each read is first written to the access log (a synced commit) with the referrals it listed.`,
      ...rows,
    ],
  };
}
