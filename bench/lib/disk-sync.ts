import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { msSince } from './stats';

/**
 * How many single-row commits per second SQLite (WAL, synchronous=FULL) makes in a folder on this
 * disk right now: the ceiling for anything that needs one synced commit per request.
 */
export function syncedCommitsPerSecond(parent: string, seconds: number): number {
  const dir = mkdtempSync(join(parent, 'sync-probe-'));
  const db = new Database(join(dir, 'probe.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE probe (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO probe (body) VALUES (?)');
    const body = 'x'.repeat(300);
    const start = process.hrtime.bigint();
    let n = 0;
    for (; msSince(start) < seconds * 1000; n++) insert.run(body);
    return n / (msSince(start) / 1000);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
