import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { tempDir } from '@app/testing';
import type { TempDir } from '@app/testing';
import { SqliteEventStore } from '../adapters/sqlite/sqlite-event-store';
import { newEvent } from '../conformance/conformance.fixtures';
import { checkpointSignedBy, compareWithCheckpoint, eventTree, signCheckpoint } from './checkpoint';
import type { Checkpoint } from './checkpoint';
import { eventHash, GENESIS_HASH } from './event-hash';
import { HashChainedEventStore } from './hash-chained-event-store';
import { loadSigningKey } from './signing-key';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');

describe('A signed checkpoint catches what an insider with database access does', () => {
  let dir: TempDir;
  let file: string;
  let checkpoint: Checkpoint;

  beforeEach(async () => {
    dir = tempDir('checkpoint-');
    file = join(dir.path, 'events.sqlite');
    const store = new HashChainedEventStore(new SqliteEventStore({ filename: file }));
    await store.append('referral-a', [newEvent('A', { n: 1 }), newEvent('B', { n: 2 })], 'no_stream');
    await store.append('referral-b', [newEvent('A', { n: 1 })], 'no_stream');
    await store.append('referral-a', [newEvent('C', { n: 3 })], 2);
    await store.append('referral-c', [newEvent('A', { n: 1 }), newEvent('B', { n: 2 })], 'no_stream');
    checkpoint = signCheckpoint(await eventTree(store), privateKey, '2026-12-04T12:00:00.000Z');
    await store.close();
  });
  afterEach(() => dir.remove());

  async function compare() {
    const store = new SqliteEventStore({ filename: file });
    try {
      return await compareWithCheckpoint(store, checkpoint);
    } finally {
      await store.close();
    }
  }

  const tamper = (sql: string) => {
    const db = new Database(file);
    db.exec(sql);
    db.close();
  };

  it('is signed: a checkpoint with another root, size or stream list fails its signature', () => {
    expect(checkpointSignedBy(checkpoint, publicKey)).toBe(true);
    expect(checkpointSignedBy({ ...checkpoint, treeSize: 5 }, publicKey)).toBe(false);
    expect(checkpointSignedBy({ ...checkpoint, rootHash: '00'.repeat(32) }, publicKey)).toBe(false);
    const { ['referral-b']: _dropped, ...fewer } = checkpoint.streams;
    expect(checkpointSignedBy({ ...checkpoint, streams: fewer }, publicKey)).toBe(false);
    expect(checkpointSignedBy(checkpoint, generateKeyPairSync('ed25519').publicKey)).toBe(false);
  });

  it('passes an untouched store, and one that grew since', async () => {
    expect(await compare()).toEqual({ rootMatches: true, broken: new Map() });
    const store = new HashChainedEventStore(new SqliteEventStore({ filename: file }));
    await store.append('referral-a', [newEvent('D', { n: 4 })], 3);
    await store.close();
    expect(await compare()).toEqual({ rootMatches: true, broken: new Map() });
  });

  it.each([
    [
      'an edited event',
      `UPDATE events SET data = '{"n":30}' WHERE stream = 'referral-a' AND version = 3`,
      'changed',
    ],
    [
      'swapped version numbers',
      `UPDATE events SET version = -1 WHERE stream = 'referral-a' AND version = 1;
       UPDATE events SET version = 1 WHERE stream = 'referral-a' AND version = 2;
       UPDATE events SET version = 2 WHERE stream = 'referral-a' AND version = -1;`,
      'changed',
    ],
    [
      'a renumbered event',
      `UPDATE events SET version = 9 WHERE stream = 'referral-a' AND version = 3`,
      'changed',
    ],
    [
      'an event deleted from the middle',
      `DELETE FROM events WHERE stream = 'referral-a' AND version = 2`,
      'changed',
    ],
    ['the last event deleted', `DELETE FROM events WHERE stream = 'referral-c' AND version = 2`, 'truncated'],
    ['a whole stream deleted', `DELETE FROM events WHERE stream = 'referral-b'`, 'removed'],
    [
      'a re-stamped recorded time',
      `UPDATE events SET metadata = json_set(metadata, '$.recordedAt', '2020-01-01T00:00:00.000Z')
       WHERE stream = 'referral-b'`,
      'changed',
    ],
  ])('names the referral after %s', async (_name, sql, how) => {
    tamper(sql);
    const { rootMatches, broken } = await compare();
    expect(rootMatches).toBe(false);
    const stream = /stream = '([^']+)'/.exec(sql)![1]!;
    expect(broken).toEqual(new Map([[stream, how]]));
  });

  it('names the referral whose event was edited and its chain re-hashed', async () => {
    const db = new Database(file);
    const rows = db
      .prepare(
        `SELECT position, type, data, metadata FROM events WHERE stream = 'referral-a' ORDER BY version`,
      )
      .all() as { position: number; type: string; data: string; metadata: string }[];
    let previous = GENESIS_HASH;
    for (const row of rows) {
      const data = row.position === rows[1]!.position ? { n: 20 } : (JSON.parse(row.data) as unknown);
      const metadata = JSON.parse(row.metadata) as Record<string, unknown>;
      metadata.hash = eventHash(previous, { type: row.type, data, metadata });
      previous = metadata.hash as string;
      db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(
        JSON.stringify(data),
        JSON.stringify(metadata),
        row.position,
      );
    }
    db.close();
    expect(await compare()).toEqual({ rootMatches: false, broken: new Map([['referral-a', 'changed']]) });
  });

  it('notices the log cut short', async () => {
    tamper(`DELETE FROM events WHERE position > 3`);
    const { rootMatches, broken } = await compare();
    expect(rootMatches).toBe(false);
    expect(broken).toEqual(
      new Map([
        ['referral-a', 'truncated'],
        ['referral-c', 'removed'],
      ]),
    );
  });

  it('keeps the signing key out of the database: generated once, owner-only, in DATA_DIR', () => {
    const first = loadSigningKey(dir.path);
    const again = loadSigningKey(dir.path);
    expect(first.publicKey.export({ format: 'der', type: 'spki' })).toEqual(
      again.publicKey.export({ format: 'der', type: 'spki' }),
    );
  });
});
