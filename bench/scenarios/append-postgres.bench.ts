import { Pool } from 'pg';
import { openPostgresEventStore } from '@app/event-store/postgres';
import { createTestDatabase, testDatabaseUrl } from '@app/testing';
import type { TestDatabase } from '@app/testing';
import type { Figure, ScenarioResult } from '../lib/figures';
import type { Plan } from '../lib/plan';
import { appendRows, concurrently } from './append.bench';
import { loadEmmett } from '../lib/emmett';
import type { AppendRow } from './append.bench';

const TITLE = '1. Append, PostgreSQL';
// The adapter's columns, so the baseline writes the same rows into the same shape.
const PLAIN_SCHEMA = `CREATE TABLE plain_events (position BIGSERIAL PRIMARY KEY, stream TEXT NOT NULL, version INTEGER NOT NULL,
  type TEXT NOT NULL, data JSONB NOT NULL, metadata JSONB NOT NULL, UNIQUE (stream, version))`;

/** Appends with 1 and 8 concurrent writers through the PostgreSQL adapter, beside plain `pg` inserts of the same rows. */
export async function postgresAppendScenario(plan: Plan): Promise<ScenarioResult> {
  const server = testDatabaseUrl().replace(/\/\/[^@/]*@/, '//');
  let probe: TestDatabase;
  try {
    probe = await createTestDatabase('bench_probe');
  } catch (error) {
    const why = `no PostgreSQL reachable at ${server} (set TEST_DATABASE_URL, as for the tests): ${(error as Error).message}`;
    return { id: 'append-postgres', title: TITLE, figures: [], notes: [], skipped: why };
  }
  await probe.drop();
  // Issue 21's workload: 5,000 streams, 5 single-event appends each with the expected version.
  const rows = appendRows(EMMETT_STREAMS, 11, 5);
  const emmett = loadEmmett();
  const figures: Figure[] = [];
  const versus: Figure[] = [];
  for (const writers of [1, 8]) {
    const seconds = plan.append.pgSeconds;
    const plain = await inFreshDatabase((url) => plainRate(url, rows, writers, seconds));
    const store = await inFreshDatabase((url) => adapterRate(url, rows, writers, seconds));
    const other = await inFreshDatabase((url) => emmettRate(emmett, url, rows, writers, seconds));
    versus.push({
      name: `appends/s against Emmett, ${writers} concurrent writer${writers > 1 ? 's' : ''}`,
      unit: 'appends/s',
      value: store,
      better: 'higher',
      baseline: {
        label: `Emmett ${EMMETT_VERSION} PostgreSQL event store, ${writers} caller(s)`,
        value: other,
      },
      targets: [{ kind: 'ratioAtLeast', value: writers === 1 ? 1.5 : 2 }],
    });
    figures.push({
      name: `appends/s, ${writers} concurrent writer${writers > 1 ? 's' : ''}`,
      unit: 'appends/s',
      value: store,
      better: 'higher',
      baseline: { label: `plain pg INSERT in autocommit, ${writers} connection(s)`, value: plain },
      targets: writers === 8 ? [{ kind: 'atLeast', value: 3_500 }] : undefined,
    });
  }
  return {
    id: 'append-postgres',
    title: TITLE,
    figures: [...figures, ...versus],
    notes: [
      scalingNote(figures),
      `Against Emmett (\`@event-driven-io/emmett-postgresql\` ${EMMETT_VERSION}, installed into bench/emmett from its lock, not a project dependency): the same rows (${EMMETT_STREAMS.toLocaleString('en-GB')} streams, 5 single-event appends each, the first expecting no stream and each later one the version before it), the same callers and time, each store in a fresh database of the same server. Emmett's \`appendToStream\` with \`expectedStreamVersion\`, its schema created by a first append before timing.`,
      `Server: ${server} (the tests' PostgreSQL, TEST_DATABASE_URL), a fresh database per run, durability as configured there (fsync and synchronous_commit on by default). Adapter: \`openPostgresEventStore\` with a pool of 8.`,
      `Each writer owns its own streams and appends one event at a time with the expected version, waiting for each answer, for ${plan.append.pgSeconds} s: with 1 writer every append is its own transaction; with 8 the store combines the appends that arrive while a commit is under way into one transaction under the append lock (group commit, docs/adr/0006-group-commit.md), each checked against its own expected version. The baseline inserts the same rows into a table of the same columns in autocommit with one pooled connection per writer, so it gets PostgreSQL's own sharing of WAL flushes between concurrent commits, and no more.`,
    ],
  };
}

async function inFreshDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const db = await createTestDatabase('bench');
  try {
    return await work(db.url);
  } finally {
    await droppingQuietly(() => db.drop());
  }
}

/**
 * Dropping a database cuts the connections still open to it (PostgreSQL's 57P01). A pool that kept one
 * after it was closed (Emmett's, whose pool the bench cannot reach) then emits an 'error' nobody
 * listens to; the measurement is over by then, so that one error must not end the whole run.
 */
async function droppingQuietly(drop: () => Promise<void>): Promise<void> {
  const cut = (error: Error & { code?: string }): void => {
    if (error.code !== '57P01') throw error;
  };
  process.on('uncaughtException', cut);
  try {
    await drop();
    await new Promise((resolve) => setTimeout(resolve, 500));
  } finally {
    process.off('uncaughtException', cut);
  }
}

async function plainRate(url: string, rows: AppendRow[], writers: number, seconds: number): Promise<number> {
  const pool = new Pool({ connectionString: url, max: writers });
  // A connection still opening when the pool ends is cut when its database is dropped; that is no failure
  // of the measurement, which is over by then, and must not crash the run as an unhandled 'error'.
  pool.on('error', () => undefined);
  try {
    await pool.query(PLAIN_SCHEMA);
    const text =
      'INSERT INTO plain_events (stream, version, type, data, metadata) VALUES ($1, $2, $3, $4, $5)';
    return await concurrently(rows, writers, seconds, ({ stream, version, event }) => {
      const metadata = JSON.stringify({ ...event.metadata, recordedAt: new Date().toISOString() });
      return pool.query({
        name: 'insert-event',
        text,
        values: [stream, version, event.type, JSON.stringify(event.data), metadata],
      });
    });
  } finally {
    await pool.end();
  }
}

async function adapterRate(
  url: string,
  rows: AppendRow[],
  writers: number,
  seconds: number,
): Promise<number> {
  const store = await openPostgresEventStore({ connectionString: url, poolSize: 8 });
  try {
    return await concurrently(rows, writers, seconds, (row) =>
      store.append(row.stream, [row.event], row.expected),
    );
  } finally {
    await store.close();
  }
}

/** How each side scales from 1 to 8 writers, and why the adapter does not when it does not. */
function scalingNote(figures: Figure[]): string {
  const [one, eight] = figures as [Figure, Figure];
  const store = eight.value / one.value;
  const plain = eight.baseline!.value / one.baseline!.value;
  const why =
    store < 0.7 * plain
      ? ' The adapter commits one batch at a time under its advisory lock (so positions become visible strictly in order): a batch holds the appends that arrived during the previous commit, so with 8 writers each flush carries up to 8 appends, while plain inserts from 8 connections commit side by side.'
      : ' Group commit lets concurrent appends share one transaction and one WAL flush under the append lock.';
  const limit =
    eight.value < 3_500
      ? ` Limit: a writer waits for its answer before sending its next append, so a batch holds at most 8 appends and 8 writers get at most 8 appends per commit; each commit costs one round trip (\`append_batch\`: the lock, the heads of the batch and one insert of all its events in one statement, its own transaction) plus the WAL flush, ${(8_000 / eight.value).toFixed(1)} ms per batch in this run, against ${(1_000 / one.baseline!.value).toFixed(1)} ms for one plain autocommit insert. More writers (more appends per commit) are the way further.`
      : '';
  return `Eight writers give the adapter ${store.toFixed(2)}x its one-writer rate, and plain pg ${plain.toFixed(2)}x.${why}${limit}`;
}

const EMMETT_STREAMS = 5_000;
const EMMETT_VERSION = '0.42.0';

/** Emmett's PostgreSQL event store appending the same rows, each with its expected version. */
async function emmettRate(
  emmett: ReturnType<typeof loadEmmett>,
  url: string,
  rows: AppendRow[],
  writers: number,
  seconds: number,
): Promise<number> {
  const store = emmett.open(url);
  try {
    // Its schema is created on first use: not part of the timing.
    await store.appendToStream('bench-warm-up', [{ type: 'WarmUp', data: {} }]);
    return await concurrently(rows, writers, seconds, ({ stream, expected, event }) =>
      store.appendToStream(stream, [{ type: event.type, data: event.data, metadata: event.metadata }], {
        expectedStreamVersion: expected === 'no_stream' ? emmett.noStream : BigInt(expected),
      }),
    );
  } finally {
    await store.close();
  }
}
