import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { Client } from 'pg';
import { openPostgresEventStore } from '@app/event-store/postgres';
import type { EventStore } from '@app/event-store';
import { dropSchema, eventually, generateReferralHistories, testDatabaseUrl, uniqueName } from '@app/testing';
import type { ReadModelDb } from '../database';
import { ALL_PROJECTIONS } from '../projections';
import { caseloadCounts } from '../queries/referral-summary.queries';
import { QUERY_ONLY_INDEXES } from '../query-indexes';
import { rebuildReadModels } from '../rebuild-read-models';
import { ProjectionRunner } from '../runner/projection-runner';
import { superviseProjection } from '../runner/projection-supervisor';
import { PROJECTION_LOCK_CLASS, PostgresLeadership } from './postgres-leadership';
import { ReadModelsUnavailableError, openPostgresReadModels } from './postgres-read-models';

const url = testDatabaseUrl();
const summary = ALL_PROJECTIONS.find((p) => p.name === 'referral-summary')!;
const accessLog = ALL_PROJECTIONS.find((p) => p.name === 'access-log')!;

async function appendHistories(store: EventStore, count: number, seed: number): Promise<void> {
  for (const h of generateReferralHistories(count, seed)) {
    const metadata = {
      occurredAt: '2025-01-01T00:00:00Z',
      actor: { sub: 'gen', roles: [] },
      correlationId: 'gen',
      causationId: 'gen',
      schemaVersion: 1,
    };
    await store.append(
      h.stream,
      h.events.map((e) => ({ ...e, metadata: { ...metadata, eventId: randomUUID() } })),
      'no_stream',
    );
  }
}

const rows = (db: ReadModelDb) =>
  db.selectFrom('referral_summary').selectAll().orderBy('referral_id').execute();

describe('PostgreSQL read models', () => {
  const schemas: string[] = [];
  const closers: (() => Promise<unknown>)[] = [];
  let store: EventStore;
  const schema = () => {
    const name = uniqueName('rm_pg');
    schemas.push(name);
    return name;
  };
  const openDb = async (name: string) => {
    const db = await openPostgresReadModels({ connectionString: url, schema: name, poolSize: 3 });
    closers.push(() => db.destroy());
    return db;
  };
  const rebuilt = async () => {
    const db = await openDb(schema());
    await new ProjectionRunner(store, db, summary).catchUp();
    return db;
  };

  beforeEach(async () => {
    store = await openPostgresEventStore({ connectionString: url, schema: schema(), pollIntervalMs: 20 });
    closers.push(() => store.close());
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await Promise.all(schemas.splice(0).map((name) => dropSchema(name)));
  });

  it('records an access whatever its length, where a bounded column once stopped the access log for good', async () => {
    const db = await openDb(schema());
    const long = 'a'.repeat(300);
    const access = {
      at: '2026-12-05T10:00:00.000Z',
      actor: { sub: `sm-${long}`, roles: ['service_manager'] },
      referralId: null,
      linkWorkerId: long,
      endpoint: `GET /v1/caseloads/${long}`,
      purpose: long,
    };
    const metadata = {
      occurredAt: access.at,
      actor: access.actor,
      correlationId: 'c',
      causationId: 'c',
      schemaVersion: 1,
    };
    await store.append(
      'access-2026-12-05-test',
      [{ type: 'PersonalDataAccessed', data: access, metadata: { ...metadata, eventId: randomUUID() } }],
      'any',
    );
    const runner = new ProjectionRunner(store, db, accessLog);
    await runner.catchUp();
    expect(runner.current()).toMatchObject({ position: await store.headPosition() });
    expect(await db.selectFrom('access_log').select('link_worker_id').execute()).toEqual([
      { link_worker_id: long },
    ]);
  });

  it('says why it is stuck while a batch cannot be written, and clears it once written', async () => {
    const db = await openDb(schema());
    await appendHistories(store, 2, 9);
    await db.schema
      .alterTable('referral_summary')
      .addCheckConstraint('refuse_all', sql`false`)
      .execute();
    const runner = new ProjectionRunner(store, db, summary);
    const controller = new AbortController();
    const following = superviseProjection(runner, controller.signal, { retryMs: 20 });
    try {
      await eventually(
        () =>
          expect(runner.current()).toMatchObject({
            state: 'running',
            position: 0,
            lastError: expect.stringContaining('refuse_all'),
          }),
        10_000,
      );
      await db.schema.alterTable('referral_summary').dropConstraint('refuse_all').execute();
      const head = await store.headPosition();
      await eventually(() => expect(runner.current().position).toBe(head), 10_000);
      expect(runner.current().lastError).toBeUndefined();
    } finally {
      controller.abort();
      await following;
    }
  }, 30_000);

  it('a live projection following concurrent appends equals a rebuild from position 0', async () => {
    const live = await openDb(schema());
    const runner = new ProjectionRunner(store, live, summary, 97);
    const controller = new AbortController();
    const following = superviseProjection(runner, controller.signal);
    await Promise.all([1, 2, 3].map((seed) => appendHistories(store, 60, seed)));
    const head = await store.headPosition();
    await eventually(() => expect(runner.current().position).toBe(head), 20_000);
    controller.abort();
    await following;
    expect(await rows(live)).toHaveLength(180);
    expect(await rows(live)).toEqual(await rows(await rebuilt()));
    expect((await caseloadCounts(live)).length).toBeGreaterThan(0);
  }, 60_000);

  it('a rebuild in place gives the rows a projection caught up alone gives, with every index made again', async () => {
    await appendHistories(store, 50, 8);
    const db = await openDb(schema());
    const indexes = async () =>
      (
        await sql<{ name: string; definition: string }>`SELECT indexname AS name, indexdef AS definition
          FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname`.execute(db)
      ).rows;
    const before = await indexes();
    expect(before.map((i) => i.name)).toEqual(
      expect.arrayContaining(['referral_search_triage', 'access_log_actor']),
    );
    await new ProjectionRunner(store, db, summary).catchUp();

    const read = await rebuildReadModels(store, db, ALL_PROJECTIONS, { batchSize: 13, eventsPerCommit: 40 });

    expect(read).toBe(await store.headPosition());
    expect(await rows(db)).toEqual(await rows(await rebuilt()));
    expect(await indexes()).toEqual(before);
    expect(before.filter((i) => QUERY_ONLY_INDEXES.includes(i.name)).length).toBeGreaterThan(10);
  }, 30_000);

  it('runs each projection on one instance at a time; a standby takes over when the leader dies', async () => {
    const rm = schema();
    const [a, b] = [await openDb(rm), await openDb(rm)];
    const leadership = new PostgresLeadership({ connectionString: url, schema: rm, checkIntervalMs: 100 });
    const runners = [
      new ProjectionRunner(store, a, summary, 50),
      new ProjectionRunner(store, b, summary, 50),
    ];
    const instances = runners.map(() => new AbortController());
    const supervised = runners.map((r, i) =>
      superviseProjection(r, instances[i]!.signal, { leadership, retryMs: 50 }),
    );
    try {
      await appendHistories(store, 40, 5);
      await eventually(
        () => expect(runners.map((r) => r.current().state).sort()).toEqual(['idle', 'running']),
        10_000,
      );
      const leader = runners.findIndex((r) => r.current().state === 'running');
      // A crash: the server ends the leader's session, and the leader's process is gone.
      await terminateLockSession(rm);
      instances[leader]!.abort();
      await eventually(() => expect(runners[1 - leader]!.current().state).toBe('running'), 10_000);
      await appendHistories(store, 40, 6);
      const head = await store.headPosition();
      await eventually(async () => expect(await runners[1 - leader]!.checkpoint()).toBe(head), 20_000);
      expect(runners[leader]!.current().state).toBe('stopped');
    } finally {
      instances.forEach((c) => c.abort());
      await Promise.all(supervised);
    }
    expect(await rows(a)).toEqual(await rows(await rebuilt()));
  }, 60_000);

  it('never applies a batch twice when two instances run the same projection without a lock', async () => {
    const rm = schema();
    const [a, b] = [await openDb(rm), await openDb(rm)];
    await appendHistories(store, 80, 8);
    const runners = [
      new ProjectionRunner(store, a, summary, 13),
      new ProjectionRunner(store, b, summary, 17),
    ];
    const controller = new AbortController();
    const supervised = runners.map((r) => superviseProjection(r, controller.signal, { retryMs: 10 }));
    const head = await store.headPosition();
    await eventually(async () => expect(await runners[0]!.checkpoint()).toBe(head), 20_000);
    controller.abort();
    await Promise.all(supervised);
    expect(await rows(a)).toEqual(await rows(await rebuilt()));
  }, 60_000);

  it('fails to open with one line naming the server when it cannot be reached', async () => {
    const unreachable = new URL(url);
    unreachable.port = '1';
    const error = (await openPostgresReadModels({ connectionString: unreachable.toString() }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error).toBeInstanceOf(ReadModelsUnavailableError);
    expect(error.message).toMatch(/^Cannot open the PostgreSQL read models at .*:1\/.*ECONNREFUSED/);
  });
});

/** Ends the session holding the referral-summary lock of `schema`, as a crash or network loss would. */
async function terminateLockSession(schema: string): Promise<void> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    const { rowCount } = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
       WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND classid = $1::int::oid AND objid = hashtext($2)::oid AND objsubid = 2`,
      [PROJECTION_LOCK_CLASS, `${schema}:referral-summary`],
    );
    expect(rowCount).toBe(1);
  } finally {
    await admin.end();
  }
}
