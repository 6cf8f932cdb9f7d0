import Database from 'better-sqlite3';
import { join } from 'node:path';
import { tempDir } from '@app/testing';
import type { TempDir } from '@app/testing';
import { openSqliteDataKeyStore } from './data-key.store';
import type { DataKeyStoreOptions, KyselyDataKeyStore } from './data-key.store';
import { parseMasterKey } from './master-key';
import { DataKeyUnreadableError, MasterKeyMismatchError, PersonalDataErasedError } from './privacy.errors';

const master = parseMasterKey(Buffer.alloc(32, 1).toString('base64'));
const otherMaster = parseMasterKey(Buffer.alloc(32, 2).toString('base64'));

describe('Data key store on SQLite', () => {
  let dir: TempDir;
  let file: string;
  const opened: KyselyDataKeyStore[] = [];
  const open = async (key = master, options: DataKeyStoreOptions = {}) => {
    const store = await openSqliteDataKeyStore(file, key, options);
    opened.push(store);
    return store;
  };
  const raw = <T>(sql: string): T[] => {
    const db = new Database(file);
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  };
  const rawOther = <T>(sql: string): T[] => {
    const db = new Database(join(dir.path, 'other.sqlite'));
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  };
  const corruptKeys = (where = '1 = 1'): void => {
    const db = new Database(file);
    db.prepare(`UPDATE data_keys SET wrapped_key = 'k1.garbage' WHERE ${where}`).run();
    db.close();
  };

  beforeEach(() => {
    dir = tempDir('data-keys-');
    file = join(dir.path, 'keys', 'data-keys.sqlite');
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    dir.remove();
  });

  it('creates a subject key once and gives the same one back, also to another process', async () => {
    const [one, other] = [await open(), await open()];
    const key = await one.getOrCreate('r-1');
    expect(key).toHaveLength(32);
    expect((await one.getOrCreate('r-1')).equals(key)).toBe(true);
    expect(await other.get('r-1')).toEqual(key);
  });

  it('agrees on one key when two processes create it at the same moment', async () => {
    const [one, other] = [await open(), await open()];
    const [a, b] = await Promise.all([one.getOrCreate('r-1'), other.getOrCreate('r-1')]);
    expect(a.equals(b)).toBe(true);
  });

  it('creates the keys of many subjects asked for at once in one commit, each its own and kept', async () => {
    const store = await open();
    const ids = Array.from({ length: 120 }, (_, i) => `r-${i}`);
    const keys = await Promise.all([...ids, 'r-7', 'r-7'].map((id) => store.getOrCreate(id)));
    expect(new Set(keys.slice(0, ids.length).map((k) => k.toString('hex'))).size).toBe(ids.length);
    expect(keys[ids.length]!.equals(keys[7]!)).toBe(true);
    expect(keys[ids.length + 1]!.equals(keys[7]!)).toBe(true);
    const created = raw<{ created_at: string }>('SELECT created_at FROM data_keys');
    expect(created).toHaveLength(ids.length);
    expect(new Set(created.map((r) => r.created_at)).size).toBe(1);
    const reopened = await open();
    for (const [i, id] of ids.entries()) expect(await reopened.get(id)).toEqual(keys[i]);
  });

  it('refuses every key of a batch whose commit fails, and stores none of them', async () => {
    const store = await open();
    await store.getOrCreate('r-0');
    const db = new Database(file);
    db.exec(
      "CREATE TRIGGER refuse BEFORE INSERT ON data_keys WHEN NEW.subject_id = 'r-bad' BEGIN SELECT RAISE(ABORT, 'refused'); END",
    );
    db.close();
    const results = await Promise.allSettled(['r-1', 'r-bad', 'r-2'].map((id) => store.getOrCreate(id)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(raw<{ subject_id: string }>('SELECT subject_id FROM data_keys').map((r) => r.subject_id)).toEqual([
      'r-0',
    ]);
  });

  it('stores keys only wrapped', async () => {
    const key = await (await open()).getOrCreate('r-1');
    const [row] = raw<{ wrapped_key: string }>('SELECT wrapped_key FROM data_keys');
    expect(row?.wrapped_key).toMatch(/^k1\./);
    expect(row?.wrapped_key).not.toContain(key.toString('base64url'));
  });

  it('answers missing for a subject that never had a key', async () => {
    expect(await (await open()).get('r-unknown')).toBe('missing');
  });

  it('erases the key material but keeps a tombstone saying when', async () => {
    const store = await open(master, { now: () => new Date('2030-01-01T00:00:00.000Z') });
    await store.getOrCreate('r-1');
    await store.erase('r-1');
    await store.erase('r-1');
    expect(await store.get('r-1')).toBe('erased');
    expect(await (await open()).get('r-1')).toBe('erased');
    expect(raw('SELECT subject_id, wrapped_key, erased_at FROM data_keys')).toEqual([
      { subject_id: 'r-1', wrapped_key: null, erased_at: '2030-01-01T00:00:00.000Z' },
    ]);
  });

  it('keeps the first erasure time when erased again later', async () => {
    let now = new Date('2030-01-01T00:00:00.000Z');
    const store = await open(master, { now: () => now });
    await store.erase('r-1');
    now = new Date('2031-01-01T00:00:00.000Z');
    await store.erase('r-1');
    expect(raw('SELECT erased_at FROM data_keys')).toEqual([{ erased_at: '2030-01-01T00:00:00.000Z' }]);
  });

  it('refuses to create a key again for an erased subject', async () => {
    const store = await open();
    await store.getOrCreate('r-1');
    await store.erase('r-1');
    await expect(store.getOrCreate('r-1')).rejects.toThrow(PersonalDataErasedError);
  });

  it('sees an erasure by another process at its very next read, though it had the key cached', async () => {
    const reader = await open();
    const retentionJob = await open();
    await reader.getOrCreate('r-1');
    expect(await reader.get('r-1')).toBeInstanceOf(Buffer);
    await retentionJob.erase('r-1');
    expect(await reader.get('r-1')).toBe('erased');
    expect((await reader.getMany(['r-1'])).get('r-1')).toBe('erased');
  });

  it('answers unreadable, without throwing, for a corrupt key', async () => {
    const store = await open();
    await store.getOrCreate('r-1');
    await store.getOrCreate('r-2');
    corruptKeys(`subject_id = 'r-2'`);
    const fresh = await open();
    expect(await fresh.get('r-2')).toBe('unreadable');
    await expect(fresh.getOrCreate('r-2')).rejects.toThrow(DataKeyUnreadableError);
  });

  it('refuses to open with another master key, naming both fingerprints and never the keys', async () => {
    const store = await open();
    await store.getOrCreate('r-1');
    const refused = open(otherMaster);
    await expect(refused).rejects.toThrow(MasterKeyMismatchError);
    await expect(refused).rejects.toThrow(
      new RegExp(`fingerprint ${otherMaster.id}.*fingerprint ${master.id}`),
    );
    await expect(refused).rejects.not.toThrow(otherMaster.key.toString('base64'));
  });

  it('refuses to read a key wrapped by another master key rather than calling it unreadable', async () => {
    const other = await openSqliteDataKeyStore(join(dir.path, 'other.sqlite'), otherMaster);
    opened.push(other);
    await other.getOrCreate('r-9');
    const [row] = rawOther<{ wrapped_key: string }>('SELECT wrapped_key FROM data_keys');
    const store = await open();
    const db = new Database(file);
    db.prepare(
      `INSERT INTO data_keys (subject_id, wrapped_key, created_at) VALUES ('r-9', ?, '2030-01-01T00:00:00.000Z')`,
    ).run(row!.wrapped_key);
    db.close();
    await expect(store.get('r-9')).rejects.toThrow(MasterKeyMismatchError);
  });

  it('looks up many subjects at once, each with its own key', async () => {
    const store = await open();
    const [a, b] = [await store.getOrCreate('r-a'), await store.getOrCreate('r-b')];
    await store.erase('r-c');
    const found = await (await open()).getMany(['r-a', 'r-b', 'r-c', 'r-d', 'r-a']);
    expect(found).toEqual(
      new Map<string, unknown>([
        ['r-a', a],
        ['r-b', b],
        ['r-c', 'erased'],
        ['r-d', 'missing'],
      ]),
    );
    expect(a.equals(b)).toBe(false);
  });

  it('never serves a cached key for a row that changed underneath it', async () => {
    const store = await open(master, { cacheSize: 2 });
    for (const id of ['r-1', 'r-2', 'r-3']) await store.getOrCreate(id);
    corruptKeys();
    expect(await store.getMany(['r-1', 'r-2', 'r-3'])).toEqual(
      new Map<string, unknown>([
        ['r-1', 'unreadable'],
        ['r-2', 'unreadable'],
        ['r-3', 'unreadable'],
      ]),
    );
  });
});
