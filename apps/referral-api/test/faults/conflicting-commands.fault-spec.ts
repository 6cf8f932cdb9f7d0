import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { tempDir } from '@app/testing';
import type { TempDir } from '@app/testing';
import { AppProcess } from './support/app-process';
import { CompiledApp, compileApp } from './support/compiled-app';
import { recordFaultResult } from './support/fault-results';
import { freePort } from './support/free-port';
import { call } from './support/http';
import { sample } from './support/metrics-text';
import { auditStreams, commandsInStore, readSqliteEvents } from './support/stored-events';

const TRIAGE_REFERRALS = 100;
const ACTIVE_REFERRALS = 100;
const RACES_PER_ACTIVE = 9;
const PARALLEL = 20;
const LW = 'race-lw';

type Command = { path: string; body: Record<string, unknown> };
type Race = { referralId: string; version: number; statuses: number[]; winner?: string; loser?: string };

const session: Command = {
  path: '/sessions',
  body: { format: 'group', setting: 'school', durationMinutes: 30, attended: true },
};
const goals: Command = { path: '/goals', body: { goals: [{ description: 'Sleep better', score: 3 }] } };
const outcome: Command = { path: '/outcomes', body: { measure: 'CORS', rater: 'young_person', score: 20 } };
const end: Command = { path: '/end', body: { reason: 'disengaged' } };
// Nine races on each active referral; the last one ends it, against a session.
const ACTIVE_PAIRS: [Command, Command][] = [
  [session, session],
  [session, goals],
  [goals, outcome],
  [outcome, session],
  [session, session],
  [goals, goals],
  [outcome, outcome],
  [session, outcome],
  [end, session],
];

/*
 * Within one process the two commands of a race are serialised by the event loop (the SQLite calls are
 * synchronous), so the loser always sees the winner's event when it loads the stream. Every other race
 * therefore sends its two commands to two API processes sharing the same store, where both may read the
 * same version and only the store's expected-version check on append can stop the second.
 */
describe('Two conflicting commands sent at once with the same If-Match', () => {
  let app: AppProcess;
  let twin: AppProcess;
  let compiled: CompiledApp;
  let dir: TempDir;
  let raceNo = 0;

  beforeAll(async () => {
    compiled = compileApp();
    dir = tempDir('fault-races-');
    const env = { RATE_LIMIT_WRITES_PER_MINUTE: '600000', RATE_LIMIT_WRITE_BURST: '100000' };
    app = new AppProcess({ main: compiled.main, dataDir: dir.path, port: await freePort(), env });
    twin = new AppProcess({
      main: compiled.main,
      dataDir: dir.path,
      port: await freePort(),
      env: { ...env, RUN_PROJECTIONS: 'false' },
    });
    await app.start();
    await twin.start();
  });
  afterAll(async () => {
    await Promise.all([app.stop(), twin.stop()]);
    compiled.remove();
    dir.remove();
  });

  const lw = () => app.token('link_worker', LW);

  async function post(
    path: string,
    body: Record<string, unknown>,
    headers: Record<string, string> = {},
    token = lw(),
    to = app,
  ) {
    const answer = await call(to.baseUrl, { method: 'POST', path, token, body, headers });
    if (answer.kind !== 'answer') throw new Error(`${path}: no answer (${answer.error})`);
    return answer;
  }

  async function referralAt(stage: 'received' | 'active'): Promise<string> {
    const id = randomUUID();
    const created = await post(
      '/v1/referrals',
      {
        id,
        source: { kind: 'gp', organisationCode: 'B82001' },
        reasons: ['low_mood'],
        youngPerson: { givenName: 'Ria', familyName: 'Khan', dateOfBirth: '2012-06-15' },
      },
      {},
      app.token('referrer', 'race-gp'),
    );
    if (created.status !== 201) throw new Error(`create: ${created.status}`);
    if (stage === 'received') return id;
    if ((await post(`/v1/referrals/${id}/accept`, { linkWorkerId: LW })).status !== 200)
      throw new Error('accept');
    const consent = {
      givenBy: 'young_person',
      basis: 'gillick_competent',
      scopes: ['support'],
      competenceAssessedBy: LW,
    };
    if ((await post(`/v1/referrals/${id}/consent`, consent)).status !== 200) throw new Error('consent');
    return id;
  }

  async function race(referralId: string, version: number, a: Command, b: Command): Promise<Race> {
    raceNo += 1;
    const ids = [`race-${raceNo}-a`, `race-${raceNo}-b`];
    const targets = raceNo % 2 === 0 ? [app, twin] : [app, app];
    const answers = await Promise.all(
      [a, b].map((command, i) =>
        post(
          `/v1/referrals/${referralId}${command.path}`,
          command.body,
          { 'If-Match': `"${version}"`, 'X-Correlation-Id': ids[i]! },
          lw(),
          targets[i],
        ),
      ),
    );
    const won = answers.flatMap((answer, i) =>
      answer.status >= 200 && answer.status < 300 ? [ids[i]!] : [],
    );
    const lost = answers.flatMap((answer, i) => (answer.status === 412 ? [ids[i]!] : []));
    return {
      referralId,
      version,
      statuses: answers.map((x) => x.status),
      winner: won.length === 1 ? won[0] : undefined,
      loser: lost[0],
    };
  }

  it('exactly one of each of 1,000 races wins, and only its events are stored', async () => {
    const started = Date.now();
    const triage = await inBatches(Array.from({ length: TRIAGE_REFERRALS }), PARALLEL, () =>
      referralAt('received'),
    );
    const active = await inBatches(Array.from({ length: ACTIVE_REFERRALS }), PARALLEL, () =>
      referralAt('active'),
    );
    const races: Race[] = [];
    await inBatches(triage, PARALLEL, async (id) => {
      races.push(
        await race(
          id,
          1,
          { path: '/accept', body: { linkWorkerId: LW } },
          { path: '/decline', body: { reason: 'Better met by school nurse' } },
        ),
      );
    });
    await inBatches(active, PARALLEL, async (id) => {
      let version = 3;
      for (const [a, b] of ACTIVE_PAIRS) {
        const result = await race(id, version, a, b);
        races.push(result);
        if (result.winner) version += 1;
      }
    });

    const events = readSqliteEvents(join(dir.path, 'events.sqlite'));
    const stored = commandsInStore(events).byCorrelation;
    const streams = auditStreams(events);
    const notExactlyOne = races.filter((r) => !r.winner || !r.loser);
    const metrics = await Promise.all(
      [app, twin].map(async (p) => (await fetch(`${p.baseUrl}/metrics`)).text()),
    );
    const total = (name: string, labels: Record<string, string>) =>
      metrics.reduce((sum, text) => sum + sample(text, name, labels), 0);
    const staleCommands = total('referral_commands_total', { outcome: 'stale' });
    // Losers that read the same version as the winner and were stopped by the store at append.
    const stoppedAtAppend = total('event_store_append_duration_seconds_count', { outcome: 'conflict' });
    const winnersMissing = races.filter(
      (r) => r.winner && !stored.get(r.winner)?.some((e) => e.version === r.version + 1),
    );
    const losersStored = races.filter((r) => r.loser && stored.has(r.loser));
    recordFaultResult({
      scenario: 'Two conflicting commands, same If-Match, one referral',
      load: `${races.length.toLocaleString('en-GB')} races (${(races.length * 2).toLocaleString('en-GB')} commands, ${PARALLEL} referrals at a time, half across two processes)`,
      faults: `${races.length.toLocaleString('en-GB')} write-write conflicts`,
      lost: winnersMissing.length,
      duplicated:
        losersStored.length + races.filter((r) => r.statuses.filter((s) => s < 300).length > 1).length,
      seconds: (Date.now() - started) / 1000,
      notes:
        `${races.length - notExactlyOne.length} of ${races.length} races: one 2xx and one 412; ` +
        `${stoppedAtAppend} losers had read the same version and were refused by the store's expected-version check at append, the rest by the If-Match check on load`,
    });

    expect(races).toHaveLength(TRIAGE_REFERRALS + ACTIVE_REFERRALS * RACES_PER_ACTIVE);
    expect(notExactlyOne).toEqual([]);
    expect(staleCommands).toBe(races.length);
    expect(winnersMissing).toEqual([]);
    expect(losersStored).toEqual([]);
    expect(streams.gaps).toEqual([]);
    expect(streams.duplicateVersions).toEqual([]);
  });
});

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size)
    results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return results;
}
