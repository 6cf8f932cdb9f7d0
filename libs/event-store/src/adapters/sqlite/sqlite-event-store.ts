import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { WrongExpectedVersionError } from '../../event-store.errors';
import type {
  AppendResult, EventStore, ExpectedVersion, NewEvent, ReadStreamOptions, StoredEvent,
} from '../../event-store.port';
import { checkAppend } from '../../append-rules';
import { followByPolling } from '../../follow';

type Row = { position: number; stream: string; version: number; type: string; data: string; metadata: string };

export type SqliteEventStoreOptions = {
  filename: string;
  /** FULL (default) makes every acknowledged append survive power loss; NORMAL trades that for speed. */
  synchronous?: 'FULL' | 'NORMAL';
  /** How often followers look for appends made by other processes. */
  pollIntervalMs?: number;
};

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    stream TEXT NOT NULL,
    version INTEGER NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    UNIQUE (stream, version)
  );
  CREATE TABLE IF NOT EXISTS streams (stream TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID;
`;

const toStored = (r: Row): StoredEvent => ({
  position: r.position, stream: r.stream, version: r.version, type: r.type,
  data: JSON.parse(r.data) as unknown, metadata: JSON.parse(r.metadata) as StoredEvent['metadata'],
});

/** The embedded default: one SQLite file in WAL mode, appends checked against the stream version in one transaction. */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter();
  private readonly pollIntervalMs: number;
  private readonly statements;
  private readonly appendTx: Database.Transaction<(stream: string, events: NewEvent[], expected: ExpectedVersion) => AppendResult>;

  constructor(options: SqliteEventStoreOptions) {
    if (options.filename !== ':memory:') mkdirSync(dirname(options.filename), { recursive: true });
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.pragma('busy_timeout = 10000');
    this.db.exec(SCHEMA);
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.appended.setMaxListeners(0);
    this.statements = {
      version: this.db.prepare('SELECT version FROM streams WHERE stream = ?').pluck(),
      upsertStream: this.db.prepare('INSERT INTO streams (stream, version) VALUES (?, ?) ON CONFLICT (stream) DO UPDATE SET version = excluded.version'),
      insert: this.db.prepare('INSERT INTO events (stream, version, type, data, metadata) VALUES (?, ?, ?, ?, ?)'),
      readStream: this.db.prepare('SELECT * FROM events WHERE stream = ? AND version <= ? ORDER BY version'),
      readAll: this.db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
      head: this.db.prepare('SELECT COALESCE(MAX(position), 0) FROM events').pluck(),
    };
    this.appendTx = this.db.transaction((stream: string, events: NewEvent[], expected: ExpectedVersion) => this.appendInTx(stream, events, expected));
  }

  append(stream: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    try {
      checkAppend(stream, events);
      // IMMEDIATE takes the write lock before reading the version, so two processes cannot both pass the check.
      const result = this.appendTx.immediate(stream, events, expected);
      if (events.length > 0) this.appended.emit('append');
      return Promise.resolve(result);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private appendInTx(stream: string, events: NewEvent[], expected: ExpectedVersion): AppendResult {
    const current = (this.statements.version.get(stream) as number | undefined) ?? 0;
    const ok = expected === 'any' || (expected === 'no_stream' ? current === 0 : expected === current);
    if (!ok) throw new WrongExpectedVersionError(stream, expected, current);
    const recordedAt = new Date().toISOString();
    let position = 0;
    events.forEach((e, i) => {
      const metadata = JSON.stringify({ ...e.metadata, recordedAt });
      position = Number(this.statements.insert.run(stream, current + i + 1, e.type, JSON.stringify(e.data), metadata).lastInsertRowid);
    });
    if (events.length > 0) this.statements.upsertStream.run(stream, current + events.length);
    return { stream, version: current + events.length, position };
  }

  readStream(stream: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const rows = this.statements.readStream.all(stream, options.toVersion ?? Number.MAX_SAFE_INTEGER) as Row[];
    return Promise.resolve(rows.map(toStored));
  }

  readAll(after: number, batchSize: number): Promise<StoredEvent[]> {
    return Promise.resolve((this.statements.readAll.all(after, batchSize) as Row[]).map(toStored));
  }

  headPosition(): Promise<number> {
    return Promise.resolve(this.statements.head.get() as number);
  }

  follow(after: number, signal: AbortSignal, batchSize = 500): AsyncIterable<StoredEvent[]> {
    return followByPolling({
      after, signal, batchSize, pollIntervalMs: this.pollIntervalMs,
      readAll: (from, size) => this.readAll(from, size),
      onAppend: (wake) => {
        this.appended.on('append', wake);
        return () => this.appended.off('append', wake);
      },
    });
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    this.appended.emit('append');
    return Promise.resolve();
  }
}

export function openSqliteEventStore(filename: string, options: Omit<SqliteEventStoreOptions, 'filename'> = {}): SqliteEventStore {
  return new SqliteEventStore({ ...options, filename });
}
