import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
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
import { isUnavailable, isUniqueViolation, rethrowUnavailable } from './sqlite.errors';
import { SCHEMA, SQL, toStoredEvent, tupleToStoredEvent } from './sqlite.schema';
import type { EventRow, EventTuple, StreamHeadRow } from './sqlite.schema';

/** Options of the embedded SQLite event store; only `filename` is required. */
export type SqliteEventStoreOptions = {
  /** A file path (its directory is created) or `:memory:`. */
  filename: string;
  /** `FULL` (default) makes an acknowledged append survive power loss; `NORMAL` may lose the last ones. */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long a write waits for another connection's lock before failing as unavailable. Default 5000. */
  busyTimeoutMs?: number;
  /** How often a caught-up `follow` looks for events written by other processes. Default 100. */
  pollIntervalMs?: number;
};

type Statements = ReturnType<typeof prepare>;
type Row = { type: string; data: string; metadata: string };
type Append = { stream: string; rows: Row[]; expected: ExpectedVersion };

/**
 * Event store in one SQLite file (WAL). Appends from this process wake its followers at
 * once; appends from other processes on the same file are seen within the poll interval.
 * `follow` ends when its signal aborts or the store is closed.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly sql: Statements;
  private readonly notifier = new AppendNotifier();
  private readonly pollMs: number;
  private readonly appendBatch: (jobs: Append[]) => AppendOutcome<AppendResult>[];
  private readonly commits = new GroupCommit<Append, AppendResult>((jobs) => this.commitBatch(jobs));
  private closed = false;

  constructor(private readonly options: SqliteEventStoreOptions) {
    this.pollMs = options.pollIntervalMs ?? 100;
    this.db = this.guard(() => open(options));
    this.sql = prepare(this.db);
    // IMMEDIATE takes the write lock before reading the version, so two processes
    // cannot both pass the expected-version check.
    const transaction = this.db.transaction((jobs: Append[]) =>
      jobs.map((job) => this.appendInTransaction(job)),
    );
    this.appendBatch = (jobs) => transaction.immediate(jobs);
  }

  async append(stream: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    validateAppend(stream, events, expected);
    const recordedAt = new Date().toISOString();
    const rows = events.map((event, index): Row => ({
      type: event.type,
      data: toJson(event.data, `Data of event ${index} (${event.type}) in stream ${stream}`),
      metadata: toJson(
        { ...event.metadata, recordedAt },
        `Metadata of event ${index} (${event.type}) in stream ${stream}`,
      ),
    }));
    if (this.closed)
      throw new EventStoreUnavailableError(`SQLite event store ${this.options.filename} is closed`);
    return this.commits.submit({ stream, rows, expected });
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    validateReadStream(stream, options);
    const { afterVersion = 0, toVersion } = options ?? {};
    const rows = this.guard(() =>
      afterVersion === 0 && toVersion === undefined
        ? this.sql.readStream.all(stream)
        : this.sql.readStreamSlice.all(stream, afterVersion, toVersion ?? Number.MAX_SAFE_INTEGER),
    );
    return rows.map(toStoredEvent);
  }

  async readAll(after: number, batchSize: number): Promise<StoredEvent[]> {
    validateReadAll(after, batchSize);
    return this.guard(() => this.sql.readAll.all(after, batchSize)).map(tupleToStoredEvent);
  }

  async headPosition(): Promise<number> {
    return this.guard(() => this.sql.headPosition.get()?.position ?? 0);
  }

  follow(after: number, signal: AbortSignal, batchSize = 500): AsyncIterable<StoredEvent[]> {
    validateReadAll(after, batchSize);
    const source = {
      readAll: (from: number, size: number) => this.readAll(from, size),
      notifier: this.notifier,
      pollMs: this.pollMs,
      isClosed: () => this.closed,
    };
    return followLoop(source, after, signal, batchSize);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.commits.idle();
    if (this.closed) return;
    this.closed = true;
    this.db.close();
    this.notifier.notify();
  }

  /**
   * One transaction and one sync for every append of the batch. A failure other than a version
   * conflict or an unavailable database rolls the batch back, and each append is retried alone,
   * so it fails only the append that caused it.
   */
  private commitBatch(jobs: Append[]): AppendOutcome<AppendResult>[] {
    const outcomes = this.guard(() => {
      try {
        return this.appendBatch(jobs);
      } catch (error) {
        if (jobs.length === 1 || isUnavailable(error)) throw error;
        return undefined;
      }
    });
    if (outcomes === undefined) return jobs.map((job) => this.commitAlone(job));
    if (outcomes.some((outcome, i) => outcome.ok && jobs[i]!.rows.length > 0)) this.notifier.notify();
    return outcomes;
  }

  private commitAlone(job: Append): AppendOutcome<AppendResult> {
    try {
      return this.commitBatch([job])[0]!;
    } catch (error) {
      if (!isUniqueViolation(error)) return { ok: false, error };
      const actual = this.guard(() => this.streamHead(job.stream).version);
      return { ok: false, error: new WrongExpectedVersionError(job.stream, job.expected, actual) };
    }
  }

  /** Sees the appends earlier in the same batch, so a stream appended twice in one batch is checked in order. */
  private appendInTransaction({ stream, rows, expected }: Append): AppendOutcome<AppendResult> {
    const head = this.streamHead(stream);
    if (!satisfies(expected, head.version))
      return { ok: false, error: new WrongExpectedVersionError(stream, expected, head.version) };
    let position = head.position;
    for (const [index, row] of rows.entries()) {
      const inserted = this.sql.insert.run(
        stream,
        head.version + index + 1,
        row.type,
        row.data,
        row.metadata,
      );
      position = Number(inserted.lastInsertRowid);
    }
    return { ok: true, value: { stream, version: head.version + rows.length, position } };
  }

  private streamHead(stream: string): StreamHeadRow {
    return this.sql.streamHead.get(stream) ?? { version: 0, position: 0 };
  }

  private guard<T>(work: () => T): T {
    if (this.closed)
      throw new EventStoreUnavailableError(`SQLite event store ${this.options.filename} is closed`);
    try {
      return work();
    } catch (error) {
      return rethrowUnavailable(error, this.options.filename);
    }
  }
}

/** Opens (creating if needed) the SQLite event store at `filename`. */
export function openSqliteEventStore(
  filename: string,
  options: Omit<SqliteEventStoreOptions, 'filename'> = {},
): SqliteEventStore {
  return new SqliteEventStore({ ...options, filename });
}

function open(options: SqliteEventStoreOptions): Database.Database {
  const inMemory = options.filename === ':memory:' || options.filename === '';
  if (!inMemory) mkdirSync(dirname(options.filename), { recursive: true });
  const db = new Database(options.filename);
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    db.exec(SCHEMA);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function prepare(db: Database.Database) {
  return {
    streamHead: db.prepare<[string], StreamHeadRow>(SQL.streamHead),
    insert: db.prepare<[string, number, string, string, string]>(SQL.insert),
    readStream: db.prepare<[string], EventRow>(SQL.readStream),
    readStreamSlice: db.prepare<[string, number, number], EventRow>(SQL.readStreamSlice),
    readAll: db.prepare<[number, number], EventTuple>(SQL.readAll).raw(true),
    headPosition: db.prepare<[], { position: number }>(SQL.headPosition),
  };
}

function satisfies(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === 0;
  return expected === actual;
}
