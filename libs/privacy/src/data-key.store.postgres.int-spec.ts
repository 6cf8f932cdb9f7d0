import { Kysely, PostgresDialect, sql } from 'kysely';
import type { KyselyPlugin } from 'kysely';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'pg';
import { dropSchema, testDatabaseUrl, uniqueName } from '@app/testing';
import type { DataKeyTables } from './data-key.database';
import { createDataKeyStore } from './data-key.store';
import type { KyselyDataKeyStore } from './data-key.store';
import { parseMasterKey } from './master-key';
import { PersonalDataErasedError } from './privacy.errors';

const master = parseMasterKey(Buffer.alloc(32, 3).toString('base64'));

/** Holds back every result carrying key rows, so another connection's erasure can finish first. */
const slowKeyReads: KyselyPlugin = {
  transformQuery: ({ node }) => node,
  transformResult: async ({ result }) => {
    if (result.rows.some((row) => typeof row === 'object' && row !== null && 'wrapped_key' in row))
      await sleep(200);
    return result;
  },
};

// The same Kysely code as on SQLite, against a real PostgreSQL server, in a schema of its own.
describe('Data key store on PostgreSQL', () => {
  let schema: string;
  const dbs: Kysely<DataKeyTables>[] = [];
  const open = async (): Promise<{ db: Kysely<DataKeyTables>; keys: KyselyDataKeyStore }> => {
    const pool = new Pool({
      connectionString: testDatabaseUrl(),
      max: 3,
      options: `-c search_path=${schema}`,
    });
    const db = new Kysely<DataKeyTables>({ dialect: new PostgresDialect({ pool }) });
    dbs.push(db);
    return { db, keys: await createDataKeyStore(db, master) };
  };

  beforeEach(async () => {
    schema = uniqueName('data_keys');
    const pool = new Pool({ connectionString: testDatabaseUrl(), max: 1 });
    await pool.query(`CREATE SCHEMA "${schema}"`);
    await pool.end();
  });
  afterEach(async () => {
    await Promise.all(dbs.splice(0).map((db) => db.destroy()));
    await dropSchema(schema);
  });

  it('gives every process the same key, even when they create it at the same moment', async () => {
    const [one, other] = [await open(), await open()];
    const [a, b] = await Promise.all([one.keys.getOrCreate('r-1'), other.keys.getOrCreate('r-1')]);
    expect(a.equals(b)).toBe(true);
    expect(await other.keys.get('r-1')).toEqual(a);
  });

  it('erases the key material, keeps a tombstone and refuses new keys for the subject', async () => {
    const { db, keys } = await open();
    await keys.getOrCreate('r-1');
    await keys.erase('r-1');
    await keys.erase('r-1');
    expect(await (await open()).keys.get('r-1')).toBe('erased');
    await expect(keys.getOrCreate('r-1')).rejects.toThrow(PersonalDataErasedError);
    const rows = await db.selectFrom('data_keys').selectAll().execute();
    expect(rows).toEqual([
      { subject_id: 'r-1', wrapped_key: null, created_at: expect.any(String), erased_at: expect.any(String) },
    ]);
  });

  it('answers missing, erased and unreadable for many subjects in one lookup', async () => {
    const { db, keys } = await open();
    const a = await keys.getOrCreate('r-a');
    await keys.getOrCreate('r-b');
    await keys.erase('r-c');
    await sql`UPDATE data_keys SET wrapped_key = 'k1.x' WHERE subject_id = 'r-b'`.execute(db);
    const found = await (await open()).keys.getMany(['r-a', 'r-b', 'r-c', 'r-d']);
    expect([...found.entries()]).toEqual([
      ['r-a', a],
      ['r-b', 'unreadable'],
      ['r-c', 'erased'],
      ['r-d', 'missing'],
    ]);
  });

  it('stays erased when a read that began before the erasure finishes after it', async () => {
    const { db, keys } = await open();
    await keys.getOrCreate('r-1');
    const reader = await createDataKeyStore(db.withPlugin(slowKeyReads), master);
    const read = reader.get('r-1');
    await sleep(50);
    await reader.erase('r-1');
    await read;
    expect(await reader.get('r-1')).toBe('erased');
  });
});
