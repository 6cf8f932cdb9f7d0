import { GroupCommit } from '../../append.group-commit';
import type { AppendOutcome } from '../../append.group-commit';
import { AppendNotifier } from '../../append.notifier';
import { toJson, validateAppend, validateReadAll, validateReadStream } from '../../append.validation';
import { EventStoreUnavailableError, WrongExpectedVersionError } from '../../event-store.errors';
import type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadStreamOptions,
  StoredEvent,
} from '../../event-store.port';
import { followLoop } from '../../follow.loop';
import { describePostgresTarget, postgresReason } from './postgres.errors';
import { EventStorePool } from './postgres.pool';
import {
  EXPECT_ANY,
  EXPECT_NO_STREAM,
  MIGRATE_LOCK_CLASS,
  SCHEMA_NAME,
  schemaSql,
  statements,
  toStoredEvent,
} from './postgres.schema';
import type { AppendBatchRow, EventRow, StreamHeadRow } from './postgres.schema';

/** Options of the PostgreSQL event store; only `connectionString` is required. */
export type PostgresEventStoreOptions = {
  /** `postgres://user:password@host:port/database`. */
  connectionString: string;
  /** Schema holding the `events` table (created if missing). Default `public`. */
  schema?: string;
  /** Connections in the pool. Default 10. */
  poolSize?: number;
  /** How long to wait for a connection before answering unavailable. Default 5000. */
  connectTimeoutMs?: number;
  /** Longest a statement may run before it is cancelled (and answered as unavailable). Default 15000. */
  statementTimeoutMs?: number;
  /** How often a caught-up `follow` looks for events appended by other processes. Default 100. */
  pollIntervalMs?: number;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
};

type Row = { type: string; data: string; metadata: string };
type Append = { stream: string; rows: Row[]; expected: ExpectedVersion };
type Sql = ReturnType<typeof statements>;

/** The largest value of the `version` column (PostgreSQL `integer`). */
const MAX_VERSION = 2_147_483_647;

/**
 * Event store in one PostgreSQL table. Appends are serialised by a transaction-level advisory
 * lock, so global positions become visible strictly in order and a follower reading
 * `position > checkpoint` can never step past an append that has yet to commit. Appends made
 * while a commit is under way share the next transaction (group commit, ADR 0006).
 * Connection failures surface as `EventStoreUnavailableError`; the pool reconnects by itself.
 */
export class PostgresEventStore implements EventStore {
  private readonly pool: EventStorePool;
  private readonly sql: Sql;
  private readonly schema: string;
  private readonly notifier = new AppendNotifier();
  private readonly pollMs: number;
  private readonly commits = new GroupCommit<Append, AppendResult>((jobs) => this.commitBatch(jobs));

  constructor(options: PostgresEventStoreOptions) {
    this.schema = options.schema ?? 'public';
    if (!SCHEMA_NAME.test(this.schema)) {
      throw new Error(`PostgreSQL schema must match ${SCHEMA_NAME.source}, got "${this.schema}"`);
    }
    this.sql = statements(this.schema);
    this.pollMs = options.pollIntervalMs ?? 100;
    const settings = {
      connectionString: options.connectionString,
      poolSize: options.poolSize ?? 10,
      connectTimeoutMs: options.connectTimeoutMs ?? 5000,
      statementTimeoutMs: options.statementTimeoutMs ?? 15_000,
      applicationName: options.applicationName ?? 'cyp-event-store',
    };
    this.pool = new EventStorePool(settings, describePostgresTarget(options.connectionString));
  }

  /** Creates the schema and table if missing; safe when several instances start at once. */
  async migrate(): Promise<void> {
    await this.pool.transaction(async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(${MIGRATE_LOCK_CLASS}, hashtext($1))`, [this.schema]);
      const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [this.schema]);
      if (exists.rowCount === 0) await client.query(`CREATE SCHEMA "${this.schema}"`);
      for (const statement of schemaSql(this.schema)) await client.query(statement);
    });
  }

  async append(stream: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    validateAppend(stream, events, expected);
    const recordedAt = new Date().toISOString();
    const rows = events.map((event, index): Row => {
      const what = `event ${index} (${event.type}) in stream ${stream}`;
      return {
        type: event.type,
        data: toJson(event.data, `Data of ${what}`),
        metadata: toJson({ ...event.metadata, recordedAt }, `Metadata of ${what}`),
      };
    });
    if (this.pool.closed)
      throw new EventStoreUnavailableError(`PostgreSQL event store ${this.pool.target} is closed`);
    return this.commits.submit({ stream, rows, expected });
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    validateReadStream(stream, options);
    const { afterVersion = 0, toVersion } = options ?? {};
    // Versions are `integer` columns: a bound beyond them means "no bound", not an out-of-range error.
    const bound = (version: number) => Math.min(version, MAX_VERSION);
    const rows =
      afterVersion === 0 && toVersion === undefined
        ? await this.pool.query<EventRow>(this.sql.readStream, [stream])
        : await this.pool.query<EventRow>(this.sql.readStreamSlice, [
            stream,
            bound(afterVersion),
            bound(toVersion ?? MAX_VERSION),
          ]);
    return rows.map(toStoredEvent);
  }

  async readAll(after: number, batchSize: number): Promise<StoredEvent[]> {
    validateReadAll(after, batchSize);
    return (await this.pool.query<EventRow>(this.sql.readAll, [after, batchSize])).map(toStoredEvent);
  }

  async headPosition(): Promise<number> {
    const [row] = await this.pool.query<{ position: string }>(this.sql.headPosition, []);
    return Number(row?.position ?? 0);
  }

  follow(after: number, signal: AbortSignal, batchSize = 500): AsyncIterable<StoredEvent[]> {
    validateReadAll(after, batchSize);
    const source = {
      readAll: (from: number, size: number) => this.readAll(from, size),
      notifier: this.notifier,
      pollMs: this.pollMs,
      isClosed: () => this.pool.closed,
    };
    return followLoop(source, after, signal, batchSize);
  }

  async close(): Promise<void> {
    await this.commits.idle();
    const closing = this.pool.close();
    this.notifier.notify();
    await closing;
  }

  /**
   * One statement, one lock and one WAL flush for every append of the batch (`append_batch`, its own
   * transaction: one round trip). A failure other than a version conflict or an unavailable server
   * rolls the batch back, and each append is retried alone, so it fails only the append that caused it.
   */
  private async commitBatch(jobs: Append[]): Promise<AppendOutcome<AppendResult>[]> {
    let outcomes: AppendOutcome<AppendResult>[];
    try {
      const rows = await this.pool.query<AppendBatchRow>(this.sql.appendBatch, batchParameters(jobs));
      outcomes = jobs.map((job, i) => outcomeOf(job, rows[i]!));
    } catch (error) {
      if (jobs.length === 1 || error instanceof EventStoreUnavailableError) throw error;
      const alone: AppendOutcome<AppendResult>[] = [];
      for (const job of jobs) alone.push(await this.commitAlone(job));
      return alone;
    }
    if (outcomes.some((outcome, i) => outcome.ok && jobs[i]!.rows.length > 0)) this.notifier.notify();
    return outcomes;
  }

  private async commitAlone(job: Append): Promise<AppendOutcome<AppendResult>> {
    try {
      return (await this.commitBatch([job]))[0]!;
    } catch (error) {
      if ((error as { code?: unknown }).code !== '23505') return { ok: false, error };
      const [row] = await this.pool.query<StreamHeadRow>(this.sql.streamHead, [job.stream]);
      return { ok: false, error: new WrongExpectedVersionError(job.stream, job.expected, row?.version ?? 0) };
    }
  }
}

/** The jobs as `append_batch` takes them: one entry per job, and every event flattened with its job. */
function batchParameters(jobs: Append[]): unknown[] {
  const event = { job: [] as number[], index: [] as number[], type: [] as string[], data: [] as string[] };
  const metadata: string[] = [];
  jobs.forEach((job, j) =>
    job.rows.forEach((row, i) => {
      event.job.push(j + 1);
      event.index.push(i + 1);
      event.type.push(row.type);
      event.data.push(row.data);
      metadata.push(row.metadata);
    }),
  );
  return [
    jobs.map((job) => job.stream),
    jobs.map((job) => expectedCode(job.expected)),
    jobs.map((job) => job.rows.length),
    event.job,
    event.index,
    event.type,
    event.data,
    metadata,
  ];
}

function expectedCode(expected: ExpectedVersion): number {
  if (expected === 'any') return EXPECT_ANY;
  if (expected === 'no_stream') return EXPECT_NO_STREAM;
  return expected;
}

function outcomeOf(job: Append, row: AppendBatchRow): AppendOutcome<AppendResult> {
  if (!row.ok)
    return { ok: false, error: new WrongExpectedVersionError(job.stream, job.expected, row.version) };
  return { ok: true, value: { stream: job.stream, version: row.version, position: Number(row.position) } };
}

/**
 * Opens the PostgreSQL event store and creates its table if missing. Fails with one line
 * naming the server when it cannot be reached or refuses the credentials.
 */
export async function openPostgresEventStore(
  options: PostgresEventStoreOptions,
): Promise<PostgresEventStore> {
  const store = new PostgresEventStore(options);
  try {
    await store.migrate();
    return store;
  } catch (error) {
    await store.close().catch(() => undefined);
    const target = describePostgresTarget(options.connectionString);
    throw new EventStoreUnavailableError(
      `Cannot open the PostgreSQL event store at ${target}: ${postgresReason(error)}`,
      {
        cause: error,
      },
    );
  }
}
