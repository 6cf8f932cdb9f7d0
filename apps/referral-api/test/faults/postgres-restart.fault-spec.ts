import { randomUUID } from 'node:crypto';
import { tempDir } from '@app/testing';
import type { TempDir } from '@app/testing';
import { AppProcess, sleep } from './support/app-process';
import { CompiledApp, compileApp } from './support/compiled-app';
import { recordFaultResult } from './support/fault-results';
import { freePort } from './support/free-port';
import { expectIntact } from './support/integrity';
import { call } from './support/http';
import { compareWithRebuild, waitForProjections } from './support/projections-check';
import { PrivatePostgres } from './support/private-postgres';
import { ReferralLoad } from './support/referral-load';
import { auditStreams, commandsInStore, lostAcks, readPostgresEvents } from './support/stored-events';

const COMMANDS = 3_000;
const CLIENTS = 4;
const RESTARTS: ('fast' | 'immediate')[] = ['fast', 'immediate', 'fast'];
const DOWN_MS = 3_000;
const BUDGET_MS = Number(process.env.FAULT_PG_BUDGET_MS ?? 6 * 60_000);

/** Rejects when the app process exits (a crash must fail the scenario at once, not at its deadline). */
async function exited(app: AppProcess): Promise<never> {
  while (app.running) await sleep(100);
  throw new Error(`The app exited under load:\n${app.recentOutput()}`);
}

type Probe = { what: string; status: number; problem: boolean };

/*
 * The API on the PostgreSQL stores (events, read models, data keys) of a PostgreSQL cluster of its own,
 * restarted under load: twice cleanly (pg_ctl stop -m fast) and once as a crash (-m immediate, recovery
 * from the WAL). Clients retry a 503 with the same If-Match, as ReferralLoad does after any failure.
 */
describe('PostgreSQL restarted under load (PostgreSQL stores)', () => {
  let postgres: PrivatePostgres;
  let compiled: CompiledApp;
  let dir: TempDir;
  let app: AppProcess;
  let env: Record<string, string>;
  let load: ReferralLoad | undefined;

  beforeAll(async () => {
    compiled = compileApp();
    dir = tempDir('fault-postgres-app-');
    postgres = await PrivatePostgres.create();
    await postgres.start();
    const url = await postgres.createDatabase('referrals');
    env = { EVENT_STORE: 'postgres', READ_MODEL_STORE: 'postgres', DATABASE_URL: url };
    app = new AppProcess({
      main: compiled.main,
      dataDir: dir.path,
      port: await freePort(),
      env: { ...env, RATE_LIMIT_WRITES_PER_MINUTE: '0', RATE_LIMIT_READS_PER_MINUTE: '0' },
    });
  }, 180_000);
  afterAll(async () => {
    load?.stop();
    await app?.stop();
    await postgres?.remove();
    compiled?.remove();
    dir?.remove();
  }, 120_000);

  /** What a client sees while the database is down: a command, a read, a caseload and /health. */
  async function probeWhileDown(): Promise<Probe[]> {
    const gp = app.token('referrer', 'probe-gp');
    const requests = [
      {
        what: 'POST /v1/referrals',
        method: 'POST' as const,
        path: '/v1/referrals',
        token: gp,
        body: {
          id: randomUUID(),
          source: { kind: 'gp' },
          reasons: ['sleep'],
          youngPerson: { givenName: 'Jo', familyName: 'Lee', dateOfBirth: '2013-01-20' },
        },
      },
      {
        what: 'GET /v1/referrals/:id',
        method: 'GET' as const,
        path: `/v1/referrals/${randomUUID()}`,
        token: app.token('service_manager', 'probe-sm'),
      },
      {
        what: 'GET /v1/caseloads/:id',
        method: 'GET' as const,
        path: '/v1/caseloads/fault-lw-0',
        token: app.token('link_worker', 'fault-lw-0'),
      },
    ];
    const probes = await Promise.all(
      requests.map(async ({ what, ...req }) => {
        const answer = await call(app.baseUrl, req);
        return answer.kind === 'answer'
          ? {
              what,
              status: answer.status,
              problem: /^application\/problem\+json/.test(answer.headers.get('content-type') ?? ''),
            }
          : { what, status: 0, problem: false };
      }),
    );
    return [...probes, { what: 'GET /health', status: await app.probe('/health'), problem: true }];
  }

  const readiness = async () =>
    (
      await fetch(`${app.baseUrl}/health/ready`)
        .then((r) => r.text())
        .catch((e: Error) => e.message)
    ).slice(0, 2000);

  it(
    `keeps every acknowledged command through ${RESTARTS.length} restarts in ${COMMANDS.toLocaleString('en-GB')} commands, answering 503 meanwhile`,
    async () => {
      const started = Date.now();
      await app.start();
      load = new ReferralLoad(app, {
        commands: COMMANDS,
        clients: CLIENTS,
        retryUnanswered: true,
        deadline: started + BUDGET_MS,
        seed: 5432,
      });
      const loading = load.run();
      const probes: Probe[] = [];
      for (const [i, mode] of RESTARTS.entries()) {
        while (load.issued < ((i + 1) * COMMANDS) / (RESTARTS.length + 1)) {
          if (!app.running) throw new Error(`The app exited under load:\n${app.recentOutput()}`);
          if (Date.now() - started > BUDGET_MS)
            throw new Error(
              `Load stalled at ${load.issued} commands; ready: ${await readiness()}\n${app.recentOutput()}`,
            );
          await sleep(10);
        }
        await postgres.stop(mode);
        const down = Date.now();
        probes.push(...(await probeWhileDown()));
        await sleep(Math.max(0, DOWN_MS - (Date.now() - down)));
        await postgres.start();
      }
      const crash = exited(app);
      crash.catch(() => undefined);
      await Promise.race([loading, crash]);
      // No restart of the app: its pools reconnect and the projections resume on their own.
      await waitForProjections(app, started + BUDGET_MS);
      await app.kill('SIGTERM');

      const events = await readPostgresEvents(env.DATABASE_URL!);
      const streams = auditStreams(events);
      const commands = commandsInStore(events);
      const lost = lostAcks(load.acks, commands, events);
      const convergence = await compareWithRebuild(dir.path, env);
      const refusedProperly = probes.filter((p) => p.status === 503 && p.problem);
      recordFaultResult({
        scenario: 'Restart PostgreSQL under load (PostgreSQL stores)',
        load: `${load.issued.toLocaleString('en-GB')} commands from ${CLIENTS} clients; ${load.acks.length.toLocaleString('en-GB')} acknowledged`,
        faults: `${RESTARTS.length} restarts (${RESTARTS.join(', ')}), ${DOWN_MS / 1000} s down each; ${load.unavailable} answers 503, ${load.unanswered} unanswered`,
        lost: lost.length,
        duplicated: commands.appliedTwice.length,
        seconds: (Date.now() - started) / 1000,
        notes:
          `${refusedProperly.length} of ${probes.length} probes while down answered 503 (commands, reads and caseloads as problem+json, and /health); no 500; ` +
          `the app reconnected by itself; ${streams.streams} streams, ${streams.events} events, no gap/duplicate version: ${streams.gaps.length + streams.duplicateVersions.length === 0}; ` +
          `refused then re-read: ${JSON.stringify(load.refusals)}; projections equal a rebuild at position ${convergence.headPosition}`,
      });

      expect(load.unexpected).toEqual([]);
      expect(probes.filter((p) => p.status !== 503 || !p.problem)).toEqual([]);
      expect(load.unavailable).toBeGreaterThan(0);
      expectIntact({ lost, streams, commands, convergence });
    },
    BUDGET_MS + 120_000,
  );
});
