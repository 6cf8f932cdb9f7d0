import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** One row per subject. An erased subject keeps its row as a tombstone: no key material, `erased_at` set. */
export interface DataKeysTable {
  subject_id: string;
  /** The data key wrapped by the master key; null once erased. */
  wrapped_key: string | null;
  created_at: string;
  erased_at: string | null;
}

export interface DataKeyTables {
  data_keys: DataKeysTable;
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
}

/**
 * The embedded key database: its own SQLite file, kept apart from the events so the two can be
 * backed up and destroyed separately. `secure_delete` zeroes erased key material in the file, and
 * `flushErased` checkpoints the WAL so the old page does not linger there either.
 */
export function openSqliteKeyDatabase(filename: string): { db: DataKeyDb; flushErased: () => void } {
  const inMemory = filename === ':memory:' || filename === '';
  if (!inMemory) mkdirSync(dirname(filename), { recursive: true });
  const database = new Database(filename);
  try {
    database.pragma('busy_timeout = 5000');
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('secure_delete = ON');
  } catch (error) {
    database.close();
    throw error;
  }
  const db = new Kysely<DataKeyTables>({ dialect: new SqliteDialect({ database }) });
  return {
    db,
    flushErased: () => {
      if (database.open) database.pragma('wal_checkpoint(TRUNCATE)');
    },
  };
}
