import { createHmac, randomBytes } from 'node:crypto';
import { openSqliteEventStore } from '@app/event-store/sqlite';
import type { EventStore, NewEvent } from '@app/event-store';
import { generateReferralHistories, generatedMetadata } from '@app/testing';
import type { ReadModelDb } from './database';
import { reportFactRows } from './report-facts/report-facts.store';
import { openSqliteReadModels } from './database';
import { ALL_PROJECTIONS, projectionsWith } from './projections';
import { rebuildReadModels } from './rebuild-read-models';
import { ProjectionRunner } from './runner/projection-runner';

const metadata = generatedMetadata;

async function appendHistories(store: EventStore, count: number, seed: number): Promise<void> {
  for (const h of generateReferralHistories(count, seed)) {
    await store.append(
      h.stream,
      h.events.map((e) => ({ ...e, metadata: metadata() })),
      'no_stream',
    );
    // An auditor's look between referrals, so the access log is rebuilt from an interleaved log.
    const access: NewEvent = {
      type: 'PersonalDataAccessed',
      data: {
        at: '2025-03-01T10:00:00.000Z',
        actor: { sub: 'lw-1', roles: ['link_worker'] },
        referralId: h.referralId,
        linkWorkerId: 'lw-1',
        endpoint: 'GET /caseloads/lw-1',
        purpose: null,
      },
      metadata: metadata(),
    };
    await store.append('access-2025-03-01', [access], 'any');
  }
}

const key = randomBytes(32);
const PROJECTIONS = projectionsWith({
  token: (kind, value) => createHmac('sha256', key).update(`${kind}:${value}`).digest('base64url'),
});

const contents = async (db: ReadModelDb) => ({
  identities: await db.selectFrom('referral_identity').selectAll().orderBy('referral_id').execute(),
  summaries: await db.selectFrom('referral_summary').selectAll().orderBy('referral_id').execute(),
  ...(await reportFactRows(db)),
  accesses: await db.selectFrom('access_log').selectAll().orderBy('position').execute(),
  checkpoints: await db
    .selectFrom('projection_checkpoints')
    .select(['name', 'position'])
    .orderBy('name')
    .execute(),
});

describe('Rebuilding the read models in one pass', () => {
  let store: EventStore;
  const dbs: ReadModelDb[] = [];
  const openDb = async () => {
    const db = await openSqliteReadModels(':memory:');
    dbs.push(db);
    return db;
  };
  beforeEach(() => {
    store = openSqliteEventStore(':memory:');
  });
  afterEach(async () => {
    await Promise.all(dbs.splice(0).map((db) => db.destroy()));
    await store.close();
  });

  it('leaves exactly the rows and checkpoints of each projection caught up on its own, batch by batch, as events arrived', async () => {
    const incremental = await openDb();
    const runners = PROJECTIONS.map((p) => new ProjectionRunner(store, incremental, p, 7));
    for (let seed = 1; seed <= 4; seed++) {
      await appendHistories(store, 40, seed);
      for (const runner of runners) await runner.catchUp();
    }
    const rebuilt = await openDb();
    const read = await rebuildReadModels(store, rebuilt, PROJECTIONS);

    expect(read).toBe(await store.headPosition());
    const expected = await contents(incremental);
    expect(expected.summaries).toHaveLength(160);
    expect(expected.accesses).toHaveLength(160);
    expect(expected.identities.length).toBeGreaterThan(0);
    expect(expected.reportFacts).toHaveLength(160);
    expect(expected.outcomePairs.length).toBeGreaterThan(0);
    expect(await contents(rebuilt)).toEqual(expected);
  });

  it('empties every table before refilling it when rebuilt in place', async () => {
    await appendHistories(store, 40, 9);
    const db = await openDb();
    for (const p of PROJECTIONS) await new ProjectionRunner(store, db, p).catchUp();
    const before = await contents(db);
    // Rows no event gave: a rebuild starts from empty tables, so they go.
    await db
      .insertInto('referral_report_facts')
      .values({ ...before.reportFacts[0]!, referral_id: 'not-in-the-log' })
      .execute();
    await db
      .insertInto('referral_outcome_pairs')
      .values({ ...before.outcomePairs[0]!, referral_id: 'not-in-the-log' })
      .execute();

    await rebuildReadModels(store, db, PROJECTIONS);

    expect(await contents(db)).toEqual(before);
  });

  it('picks up each projection from its own checkpoint when they are behind by different amounts', async () => {
    await appendHistories(store, 30, 5);
    const db = await openDb();
    const [summary, accessLog] = ALL_PROJECTIONS.map((p) => new ProjectionRunner(store, db, p, 11));
    await summary!.catchUp();
    await appendHistories(store, 30, 6);

    await ProjectionRunner.catchUpTogether([summary!, accessLog!]);

    const alone = await openDb();
    for (const p of ALL_PROJECTIONS) await new ProjectionRunner(store, alone, p).catchUp();
    expect(await contents(db)).toEqual(await contents(alone));
  });

  it('stops every projection at a batch boundary when one cannot apply an event, naming its position', async () => {
    await appendHistories(store, 5, 7);
    const bad = await store.append(
      'referral-orphan',
      [
        {
          type: 'ReferralAccepted',
          data: { referralId: 'orphan', at: '2025-02-01T00:00:00Z', linkWorkerId: 'lw', snomedCode: 'x' },
          metadata: metadata(),
        },
      ],
      'no_stream',
    );
    await appendHistories(store, 5, 8);
    const db = await openDb();
    const runners = ALL_PROJECTIONS.map((p) => new ProjectionRunner(store, db, p, 4));

    await expect(ProjectionRunner.catchUpTogether(runners)).rejects.toThrow(
      'ReferralAccepted arrived before ReferralReceived',
    );

    const [summary, accessLog] = runners;
    expect(summary!.current()).toMatchObject({
      state: 'failed',
      failure: { position: bad.position, stream: 'referral-orphan' },
    });
    const stoppedAt = await summary!.checkpoint();
    expect(stoppedAt).toBeLessThan(bad.position);
    expect(await accessLog!.checkpoint()).toBe(stoppedAt);
    const accesses = await db.selectFrom('access_log').select('position').execute();
    expect(accesses.every((a) => Number(a.position) <= stoppedAt)).toBe(true);
  });
});
