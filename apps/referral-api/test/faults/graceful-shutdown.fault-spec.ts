import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { tempDir } from '@app/testing';
import type { TempDir } from '@app/testing';
import { AppProcess, sleep, within } from './support/app-process';
import { CompiledApp, compileApp } from './support/compiled-app';
import { recordFaultResult } from './support/fault-results';
import { freePort } from './support/free-port';
import { HalfSentRequest, connectionRefused } from './support/half-sent-request';
import { call } from './support/http';
import { sample } from './support/metrics-text';
import { ReferralLoad } from './support/referral-load';
import { commandsInStore, lostAcks, readSqliteEvents } from './support/stored-events';

const LW = 'drain-lw';
const HALF_SENT = 3;
const CLIENTS = 8;
const SIGTERM_AFTER_ACKS = 400;
const GRACE_MS = 10_000;

describe('SIGTERM: graceful shutdown', () => {
  let compiled: CompiledApp;
  let dir: TempDir;
  let port: number;
  let app: AppProcess;

  beforeAll(async () => {
    compiled = compileApp();
    port = await freePort();
  });
  beforeEach(() => {
    dir = tempDir('fault-sigterm-');
    app = new AppProcess({
      main: compiled.main,
      dataDir: dir.path,
      port,
      env: {
        RATE_LIMIT_WRITES_PER_MINUTE: '600000',
        RATE_LIMIT_WRITE_BURST: '100000',
        SHUTDOWN_GRACE_MS: String(GRACE_MS),
      },
    });
  });
  afterEach(async () => {
    await app.stop();
    dir.remove();
  });
  afterAll(() => compiled.remove());

  async function activeReferral(): Promise<string> {
    const id = randomUUID();
    const lw = app.token('link_worker', LW);
    const steps = [
      {
        path: '/v1/referrals',
        token: app.token('referrer', 'drain-gp'),
        body: {
          id,
          source: { kind: 'gp' },
          reasons: ['sleep'],
          youngPerson: { givenName: 'Jo', familyName: 'Lee', dateOfBirth: '2013-01-20' },
        },
      },
      { path: `/v1/referrals/${id}/accept`, token: lw, body: { linkWorkerId: LW } },
      {
        path: `/v1/referrals/${id}/consent`,
        token: lw,
        body: { givenBy: 'parent_carer', basis: 'parental_responsibility', scopes: ['support'] },
      },
    ];
    for (const step of steps) {
      const answer = await call(app.baseUrl, { method: 'POST', ...step });
      if (answer.kind !== 'answer' || answer.status >= 300)
        throw new Error(`${step.path}: ${JSON.stringify(answer)}`);
    }
    return id;
  }

  it('stops accepting connections, finishes requests already started, then exits', async () => {
    const started = Date.now();
    await app.start();
    const ids = await Promise.all(Array.from({ length: HALF_SENT }, () => activeReferral()));
    const session = { format: 'drop_in', setting: 'community_venue', durationMinutes: 20, attended: true };
    const requests = ids.map(
      (id, i) =>
        new HalfSentRequest(
          port,
          `/v1/referrals/${id}/sessions`,
          {
            Authorization: `Bearer ${app.token('link_worker', LW)}`,
            'If-Match': '"3"',
            'X-Correlation-Id': `half-sent-${i}`,
          },
          session,
        ),
    );
    await untilInFlight(app, HALF_SENT + 1);

    const exited = app.kill('SIGTERM');
    const refusedAt = await until(() => connectionRefused(port), 5000);
    expect(refusedAt).toBeDefined();
    expect(app.running).toBe(true);

    const responses = await Promise.all(requests.map((r) => r.finish()));
    expect(responses.map((r) => r.status)).toEqual(ids.map(() => 200));
    expect(responses.map((r) => r.headers.connection)).toEqual(ids.map(() => 'close'));
    const exit = await within(exited, GRACE_MS + 10_000);
    expect(exit).toBeDefined();
    expect(exit?.signal === 'SIGTERM' || exit?.code === 0).toBe(true);

    const stored = commandsInStore(readSqliteEvents(join(dir.path, 'events.sqlite'))).byCorrelation;
    for (const [i, id] of ids.entries()) {
      expect(stored.get(`half-sent-${i}`)?.map((e) => [e.stream, e.version, e.type])).toEqual([
        [`referral-${id}`, 4, 'SessionHeld'],
      ]);
    }
    recordFaultResult({
      scenario: 'SIGTERM with requests half received',
      load: `${HALF_SENT} commands whose bodies were still arriving`,
      faults: 'SIGTERM',
      lost: ids.filter((_, i) => !stored.has(`half-sent-${i}`)).length,
      duplicated: 0,
      seconds: (Date.now() - started) / 1000,
      notes:
        'new connections refused at once; the started requests completed with 200 and Connection: close; then the process exited',
    });
  });

  it('under load, every command stored was acknowledged and every acknowledged command is stored', async () => {
    const started = Date.now();
    await app.start();
    const load = new ReferralLoad(app, {
      commands: 1_000_000,
      clients: CLIENTS,
      retryUnanswered: false,
      deadline: Date.now() + 5 * 60_000,
      seed: 7,
    });
    const loading = load.run();
    await until(async () => load.acks.length >= SIGTERM_AFTER_ACKS, 5 * 60_000);
    const sigtermAt = Date.now();
    const exited = app.kill('SIGTERM');
    await loading;
    const exit = await within(exited, GRACE_MS + 10_000);
    expect(exit).toBeDefined();

    const events = readSqliteEvents(join(dir.path, 'events.sqlite'));
    const commands = commandsInStore(events);
    const lost = lostAcks(load.acks, commands, events);
    const acknowledged = new Set(load.acks.map((a) => a.correlationId));
    const storedUnacknowledged = [...commands.byCorrelation.keys()].filter(
      (id) => id.startsWith('load-') && !acknowledged.has(id),
    );
    const answeredAfterSigterm = load.acks.filter((a) => a.at >= sigtermAt).length;
    recordFaultResult({
      scenario: 'SIGTERM during load (graceful shutdown)',
      load: `${load.issued.toLocaleString('en-GB')} commands from ${CLIENTS} clients; ${load.acks.length.toLocaleString('en-GB')} acknowledged`,
      faults: `SIGTERM after ${SIGTERM_AFTER_ACKS} acknowledgements`,
      lost: lost.length,
      duplicated: commands.appliedTwice.length,
      seconds: (Date.now() - started) / 1000,
      notes:
        `${answeredAfterSigterm} answered after the signal; ${storedUnacknowledged.length} stored without an answer; ` +
        `${load.unanswered} refused or reset before the app read them`,
    });

    expect(load.unexpected).toEqual([]);
    expect(lost).toEqual([]);
    expect(storedUnacknowledged).toEqual([]);
    expect(commands.appliedTwice).toEqual([]);
  });
});

async function until<T>(
  probe: () => Promise<T | false | undefined>,
  timeoutMs: number,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await sleep(10);
  }
  return undefined;
}

/** Waits until the app counts at least `count` requests in flight (the /metrics request itself among them). */
async function untilInFlight(app: AppProcess, count: number): Promise<void> {
  const reached = await until(async () => {
    const res = await fetch(`${app.baseUrl}/metrics`);
    return sample(await res.text(), 'http_requests_in_flight') >= count;
  }, 10_000);
  if (!reached) throw new Error(`Fewer than ${count} requests in flight`);
}
