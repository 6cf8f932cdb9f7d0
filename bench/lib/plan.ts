import { parseArgs } from 'node:util';

export const SCENARIOS = [
  'append',
  'append-postgres',
  'http',
  'rebuild',
  'replay',
  'relay',
  'checkpoint',
  'pathway-reads',
  'directory',
  'dashboard',
] as const;
export type ScenarioId = (typeof SCENARIOS)[number];

/** How much work each scenario does: the full run (about 10 minutes on 2 cores) or `--quick`. */
export type Plan = {
  quick: boolean;
  only: ScenarioId[];
  /** Profile scenarios that miss a target (default), all of them, or none. */
  profile: 'missed' | 'all' | 'none';
  append: { referrals: number; seconds: number; rounds: number; pgSeconds: number };
  http: { connections: number; warmupSeconds: number; seconds: number; profileSeconds: number };
  rebuild: { referrals: number; eventsPerReferral: number; readSample: number; profileSeconds: number };
  /** `samples` in process; `httpSamples` per endpoint over HTTP, where each costs a synced commit. */
  replay: { events: number; otherReferrals: number; warmup: number; samples: number; httpSamples: number };
  relay: { backlog: number; live: number };
  /** The triage queue and searches: referrals in the store (the rebuild's cached history) and samples per read. */
  pathway: { referrals: number; warmup: number; samples: number };
  /** The community directory: services and venues in the imported feed, and sequential searches measured. */
  directory: { services: number; locations: number; warmup: number; samples: number };
  /** The dashboard: referrals in the store (the rebuild's cached history), samples per report, first-page loads. */
  dashboard: { referrals: number; warmup: number; samples: number; pageLoads: number };
};

const USAGE = `npm run bench [-- --quick] [--only append,http,...] [--profile missed|all|none]
  --quick     a short smoke run (small data, short windows); writes bench/.data/performance.quick.md, not docs/
  --only      run these scenarios only: ${SCENARIOS.join(', ')}
  --profile   CPU-profile the scenarios that miss a target (default), all, or none
PostgreSQL is the tests' server (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test).`;

export function planFromArgs(argv: string[]): Plan {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      profile: { type: 'string', default: 'missed' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const only = (values.only?.split(',').map((s) => s.trim()) ?? [...SCENARIOS]) as ScenarioId[];
  const unknown = only.filter((s) => !SCENARIOS.includes(s));
  if (unknown.length) throw new Error(`Unknown scenario(s) ${unknown.join(', ')}\n${USAGE}`);
  if (!['missed', 'all', 'none'].includes(values.profile))
    throw new Error(`--profile must be missed, all or none\n${USAGE}`);
  return { quick: values.quick, only, profile: values.profile as Plan['profile'], ...sizes(values.quick) };
}

/** How much each scenario does in a full run and in a quick one. */
function sizes(quick: boolean): Omit<Plan, 'quick' | 'only' | 'profile'> {
  return {
    append: quick
      ? { referrals: 1_000, seconds: 0.5, rounds: 1, pgSeconds: 1 }
      : { referrals: 10_000, seconds: 1, rounds: 6, pgSeconds: 5 },
    http: quick
      ? { connections: 64, warmupSeconds: 1, seconds: 3, profileSeconds: 3 }
      : { connections: 64, warmupSeconds: 3, seconds: 10, profileSeconds: 6 },
    rebuild: quick
      ? { referrals: 10_000, eventsPerReferral: 5, readSample: 50_000, profileSeconds: 3 }
      : { referrals: 200_000, eventsPerReferral: 5, readSample: 100_000, profileSeconds: 15 },
    replay: quick
      ? { events: 100, otherReferrals: 200, warmup: 50, samples: 300, httpSamples: 200 }
      : { events: 100, otherReferrals: 2_000, warmup: 200, samples: 3_000, httpSamples: 1_000 },
    // 40,300 messages, a few seconds of drain: with 10,300 a drain lasted about a second, and runs of the
    // same code spread from 8,500 to 15,600 messages/s on this machine.
    relay: quick ? { backlog: 500, live: 50 } : { backlog: 20_000, live: 300 },
    pathway: quick
      ? { referrals: 10_000, warmup: 20, samples: 200 }
      : { referrals: 200_000, warmup: 100, samples: 1_000 },
    directory: quick
      ? { services: 1_000, locations: 200, warmup: 20, samples: 200 }
      : { services: 10_000, locations: 2_000, warmup: 100, samples: 1_000 },
    dashboard: quick
      ? { referrals: 10_000, warmup: 3, samples: 20, pageLoads: 3 }
      : { referrals: 200_000, warmup: 10, samples: 200, pageLoads: 10 },
  };
}
