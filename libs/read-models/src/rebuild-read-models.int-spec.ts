import { createHmac, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openSqliteEventStore } from '@app/event-store/sqlite';
import type { EventStore, NewEvent } from '@app/event-store';
import { generateReferralHistories, generatedMetadata } from '@app/testing';
import type { ReadModelDb } from './database';
import { reportFactRows } from './report-facts/report-facts.store';
import { openSqliteReadModels } from './database';
import { ALL_PROJECTIONS, projectionsWith } from './projections';
import { QUERY_ONLY_INDEXES, withQueryIndexesDeferred } from './query-indexes';
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

const indexes = async (db: ReadModelDb) =>
  (
    await sql<{ name: string; definition: string }>`SELECT name, sql AS definition FROM sqlite_master
      WHERE type = 'index' ORDER BY name`.execute(db)
  ).rows;

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

  it('gives the same rows whatever the batches and commits, and leaves every index as it found it', async () => {
    await appendHistories(store, 60, 11);
    const once = await openDb();
    await rebuildReadModels(store, once, PROJECTIONS);
    const before = await indexes(once);
    expect(before.map((i) => i.name)).toEqual(expect.arrayContaining([...QUERY_ONLY_INDEXES]));

    const grouped = await openDb();
    const read = await rebuildReadModels(store, grouped, PROJECTIONS, { batchSize: 7, eventsPerCommit: 30 });

    expect(read).toBe(await store.headPosition());
    expect(await contents(grouped)).toEqual(await contents(once));
    expect(await indexes(grouped)).toEqual(before);
    expect(await indexes(once)).toEqual(before);
  });

  it('makes the deferred indexes again when the work between fails', async () => {
    const db = await openDb();
    const before = await indexes(db);
    let during: string[] = [];

    await expect(
      withQueryIndexesDeferred(db, async () => {
        during = (await indexes(db)).map((i) => i.name);
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');

    expect(during.filter((name) => QUERY_ONLY_INDEXES.includes(name))).toEqual([]);
    expect(await indexes(db)).toEqual(before);
  });

  it('rolls a commit of several batches back whole when one event cannot be applied', async () => {
    await appendHistories(store, 5, 12);
    const committed = await store.headPosition();
    await store.append(
      'referral-orphan',
      [
        {
          type: 'SessionHeld',
          data: { referralId: 'orphan', at: '2025-02-01T00:00:00Z', sessionNumber: 1 },
          metadata: metadata(),
        },
      ],
      'no_stream',
    );
    const db = await openDb();
    const runners = ALL_PROJECTIONS.map((p) => new ProjectionRunner(store, db, p, 3));

    await expect(
      ProjectionRunner.catchUpTogether(runners, { eventsPerCommit: committed + 100 }),
    ).rejects.toThrow('SessionHeld arrived before ReferralReceived');

    expect(await runners[0]!.checkpoint()).toBe(0);
    expect(await runners[1]!.checkpoint()).toBe(0);
    expect(await db.selectFrom('referral_summary').select('referral_id').execute()).toEqual([]);
    expect(await db.selectFrom('access_log').select('position').execute()).toEqual([]);
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
