import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { reusingStatements } from '@app/event-store/sqlite';
import { wrappedKeyMasterId } from './field-cipher';
import { MasterKeyMismatchError } from './privacy.errors';

/** One row per subject. An erased subject keeps its row as a tombstone: no key material, `erased_at` set. */
export interface DataKeysTable {
  subject_id: string;
  /** The data key wrapped by the master key; null once erased. */
  wrapped_key: string | null;
  created_at: string;
  erased_at: string | null;
}

/** The fingerprint of the master key every data key in the database is wrapped by (one row, slot `current`). */
export interface DataKeyMasterTable {
  slot: string;
  master_id: string;
  registered_at: string;
}

export interface DataKeyTables {
  data_keys: DataKeysTable;
  data_key_master: DataKeyMasterTable;
}

export type DataKeyDb = Kysely<DataKeyTables>;

/** Creates the `data_keys` table if missing; the same statement runs on SQLite and PostgreSQL. */
export async function migrateDataKeys(db: DataKeyDb): Promise<void> {
  await db.schema
    .createTable('data_keys')
    .ifNotExists()
    .addColumn('subject_id', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('wrapped_key', 'text')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('erased_at', 'varchar(40)')
    .execute();
  await db.schema
    .createTable('data_key_master')
    .ifNotExists()
    .addColumn('slot', 'varchar(20)', (c) => c.primaryKey())
    .addColumn('master_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('registered_at', 'varchar(40)', (c) => c.notNull())
    .execute();
}

/**
 * Refuses a master key other than the one the stored data keys are wrapped by, so an instance
 * started with another `DATA_KEY_MASTER` fails at once with a clear message instead of reading
 * every child's data as `[unreadable]`. The first instance on an empty database registers its key;
 * a database from before the register is judged by one of its wrapped keys.
 */
export async function checkMasterKey(db: DataKeyDb, masterId: string): Promise<void> {
  const sample = await db
    .selectFrom('data_keys')
    .select('wrapped_key')
    .where('wrapped_key', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  const wrappedBy = sample?.wrapped_key ? wrappedKeyMasterId(sample.wrapped_key) : undefined;
  await db
    .insertInto('data_key_master')
    .values({ slot: 'current', master_id: wrappedBy ?? masterId, registered_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('slot').doNothing())
    .execute();
  const registered = await db
    .selectFrom('data_key_master')
    .select('master_id')
    .where('slot', '=', 'current')
    .executeTakeFirstOrThrow();
  if (registered.master_id !== masterId) throw new MasterKeyMismatchError(masterId, registered.master_id);
}

/**
 * The embedded key database: its own SQLite file, kept apart from the events so the two can be
 * backed up and destroyed separately. `secure_delete` zeroes erased key material in the file, and
 * `flushErased` checkpoints the WAL so the old page does not linger there either.
 */
export function openSqliteKeyDatabase(
  filename: string,
  synchronous: 'FULL' | 'OFF' = 'FULL',
): { db: DataKeyDb; flushErased: () => void } {
  const inMemory = filename === ':memory:' || filename === '';
  if (!inMemory) mkdirSync(dirname(filename), { recursive: true });
  const database = new Database(filename);
  try {
    database.pragma('busy_timeout = 5000');
    database.pragma('journal_mode = WAL');
    database.pragma(`synchronous = ${synchronous}`);
    database.pragma('secure_delete = ON');
  } catch (error) {
    database.close();
    throw error;
  }
  const db = new Kysely<DataKeyTables>({
    dialect: new SqliteDialect({ database: reusingStatements(database) }),
  });
  return {
    db,
    flushErased: () => {
      if (database.open) database.pragma('wal_checkpoint(TRUNCATE)');
    },
  };
}
