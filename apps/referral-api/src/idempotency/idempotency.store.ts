import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type StoredResponse = { status: number; headers: Record<string, string>; body: unknown };
export type Reservation =
  | { kind: 'reserved' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'in_progress' }
  | { kind: 'interrupted' }
  | { kind: 'mismatch' };

const RETENTION_MS = 24 * 3600_000;
// Status of a reservation whose request was still running when the process stopped (a crash or kill).
const INTERRUPTED = 0;

/** Remembers the first response to each (caller, Idempotency-Key) for 24 hours. */
export class IdempotencyStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly find: Database.Statement;

  constructor(filename: string) {
    if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS idempotency (
      actor TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status INTEGER,
      response TEXT, created_at INTEGER NOT NULL, PRIMARY KEY (actor, key))`);
    // Nothing is in progress when the API starts: whatever was had its process die under it. Whether
    // its command was stored is unknown here, so a retry with the key is told so rather than re-run.
    this.db.prepare('UPDATE idempotency SET status = ? WHERE status IS NULL').run(INTERRUPTED);
    this.insert = this.db.prepare('INSERT OR IGNORE INTO idempotency (actor, key, request_hash, created_at) VALUES (?, ?, ?, ?)');
    this.find = this.db.prepare('SELECT request_hash, status, response FROM idempotency WHERE actor = ? AND key = ?');
  }

  reserve(actor: string, key: string, requestHash: string, nowMs: number): Reservation {
    return this.db.transaction((): Reservation => {
      this.db.prepare('DELETE FROM idempotency WHERE created_at < ?').run(nowMs - RETENTION_MS);
      if (this.insert.run(actor, key, requestHash, nowMs).changes === 1) return { kind: 'reserved' };
      const row = this.find.get(actor, key) as { request_hash: string; status: number | null; response: string | null };
      if (row.request_hash !== requestHash) return { kind: 'mismatch' };
      if (row.status === INTERRUPTED) return { kind: 'interrupted' };
      if (row.status === null || row.response === null) return { kind: 'in_progress' };
      return { kind: 'replay', response: JSON.parse(row.response) as StoredResponse };
    })();
  }

  complete(actor: string, key: string, response: StoredResponse): void {
    this.db.prepare('UPDATE idempotency SET status = ?, response = ? WHERE actor = ? AND key = ?')
      .run(response.status, JSON.stringify(response), actor, key);
  }

  release(actor: string, key: string): void {
    this.db.prepare('DELETE FROM idempotency WHERE actor = ? AND key = ? AND status IS NULL').run(actor, key);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
