import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { reusingStatements } from '@app/event-store/sqlite';
import { emptyReportTables, migrateReportFacts } from './report-facts/report-facts.schema';
import type { ReportTables } from './report-facts/report-facts.schema';

export interface ReferralSummaryTable {
  referral_id: string;
  status: string;
  link_worker_id: string | null;
  received_at: string;
  pcn_code: string | null;
  source_kind: string;
  age_at_referral: number;
  /** The whole summary as JSON; the columns above are for filtering. */
  doc: string;
}

/**
 * One row per referral for search and the triage queue: the filterable fields of the referral summary
 * as indexed columns (kept by the summary projection in the same transaction). No personal data.
 */
export interface ReferralSearchTable {
  referral_id: string;
  status: string;
  link_worker_id: string | null;
  received_at: string;
  source_kind: string;
  source_organisation: string | null;
  pcn_code: string | null;
  urgency: string;
  age_band: string;
  /** The coded reasons between bars, `|anxiety|low_mood|`, so one can be matched with LIKE. */
  reasons: string;
  /** The team it was transferred to; null while its PCN decides its team. */
  team: string | null;
}

/** A referral's blind-index tokens (keyed HMACs, never values): NHS number, name, date of birth, both. */
export interface ReferralIdentityTable {
  referral_id: string;
  nhs: string | null;
  name: string | null;
  dob: string | null;
  person: string | null;
  /** JSON array of referral ids a link worker decided are not the same young person. */
  kept_apart: string;
}

/** One keyed token per word of a referral's names, for search by name. */
export interface ReferralIdentityWordTable {
  word: string;
  referral_id: string;
}

export interface ProjectionCheckpointTable {
  name: string;
  position: number;
  updated_at: string;
}

export interface AccessLogTable {
  position: number;
  at: string;
  actor: string;
  roles: string;
  referral_id: string | null;
  link_worker_id: string | null;
  endpoint: string;
  purpose: string | null;
}

/** The referrals one access listed (a page of the queue, a search, a caseload): who saw whom. */
export interface AccessLogReferralTable {
  referral_id: string;
  position: number;
}

/** Every read-model table (the report tables are described with their derivation, in report-facts). */
export interface ReadModelTables extends ReportTables {
  referral_summary: ReferralSummaryTable;
  referral_search: ReferralSearchTable;
  referral_identity: ReferralIdentityTable;
  referral_identity_words: ReferralIdentityWordTable;
  access_log: AccessLogTable;
  access_log_referrals: AccessLogReferralTable;
  projection_checkpoints: ProjectionCheckpointTable;
}

export type ReadModelDb = Kysely<ReadModelTables>;

/** Creates the read-model tables if missing; the same statements run on SQLite and PostgreSQL. */
export async function migrateReadModels(db: ReadModelDb): Promise<void> {
  await db.schema
    .createTable('projection_checkpoints')
    .ifNotExists()
    .addColumn('name', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('referral_summary')
    .ifNotExists()
    .addColumn('referral_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('link_worker_id', 'varchar(100)')
    .addColumn('received_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('pcn_code', 'varchar(20)')
    .addColumn('source_kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('age_at_referral', 'integer', (c) => c.notNull())
    .addColumn('doc', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('referral_summary_link_worker')
    .ifNotExists()
    .on('referral_summary')
    .columns(['link_worker_id', 'status'])
    .execute();
  await migrateReferralSearch(db);
  await migrateReportFacts(db);
  await db.schema
    .createTable('access_log_referrals')
    .ifNotExists()
    .addColumn('referral_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('access_log_referrals_pk', ['referral_id', 'position'])
    .execute();
  await migrateIdentityIndex(db);
  await db.schema
    .createTable('access_log')
    .ifNotExists()
    .addColumn('position', 'bigint', (c) => c.primaryKey())
    // Text, not bounded: an audit record keeps what was asked for, and a value the table refused
    // would stop the projection (the access log is written before any length is checked).
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('referral_id', 'text')
    .addColumn('link_worker_id', 'text')
    .addColumn('endpoint', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .execute();
  await db.schema
    .createIndex('access_log_referral')
    .ifNotExists()
    .on('access_log')
    .columns(['referral_id', 'at'])
    .execute();
  await db.schema
    .createIndex('access_log_actor')
    .ifNotExists()
    .on('access_log')
    .columns(['actor', 'at'])
    .execute();
  await db.schema
    .createIndex('referral_summary_received')
    .ifNotExists()
    .on('referral_summary')
    .column('received_at')
    .execute();
}

async function migrateReferralSearch(db: ReadModelDb): Promise<void> {
  await db.schema
    .createTable('referral_search')
    .ifNotExists()
    .addColumn('referral_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('link_worker_id', 'varchar(100)')
    .addColumn('received_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('source_kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('source_organisation', 'varchar(20)')
    .addColumn('pcn_code', 'varchar(20)')
    .addColumn('urgency', 'varchar(20)', (c) => c.notNull())
    .addColumn('age_band', 'varchar(20)', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .execute();
  await addColumnOnce(db, 'referral_search', 'team', 'varchar(100)');
  for (const [name, columns] of [
    ['referral_search_status', ['status', 'received_at', 'referral_id']],
    ['referral_search_triage', ['status', 'urgency', 'received_at', 'referral_id']],
    ['referral_search_received', ['received_at', 'referral_id']],
    ['referral_search_link_worker', ['link_worker_id', 'received_at']],
    ['referral_search_pcn', ['pcn_code', 'received_at']],
  ] as const)
    await db.schema
      .createIndex(name)
      .ifNotExists()
      .on('referral_search')
      .columns([...columns])
      .execute();
}

/** Adds a nullable column to a table made before it existed (neither engine has one portable IF NOT EXISTS). */
async function addColumnOnce(
  db: ReadModelDb,
  table: 'referral_search',
  column: string,
  type: 'varchar(100)',
) {
  try {
    await db.schema.alterTable(table).addColumn(column, type).execute();
  } catch (error) {
    if (!/duplicate column|already exists/i.test((error as Error).message)) throw error;
  }
}

async function migrateIdentityIndex(db: ReadModelDb): Promise<void> {
  await db.schema
    .createTable('referral_identity')
    .ifNotExists()
    .addColumn('referral_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('nhs', 'varchar(64)')
    .addColumn('name', 'varchar(64)')
    .addColumn('dob', 'varchar(64)')
    .addColumn('person', 'varchar(64)')
    .addColumn('kept_apart', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('referral_identity_words')
    .ifNotExists()
    .addColumn('word', 'varchar(64)', (c) => c.notNull())
    .addColumn('referral_id', 'varchar(64)', (c) => c.notNull())
    .addPrimaryKeyConstraint('referral_identity_words_pk', ['word', 'referral_id'])
    .execute();
  for (const [name, table, column] of [
    ['referral_identity_nhs', 'referral_identity', 'nhs'],
    ['referral_identity_person', 'referral_identity', 'person'],
    ['referral_identity_words_referral', 'referral_identity_words', 'referral_id'],
  ] as const)
    await db.schema.createIndex(name).ifNotExists().on(table).column(column).execute();
}

/**
 * Prepared statements a SQLite database keeps: a projection's bulk writes take up to ten shapes per
 * table (`bulk-rows.ts`), about 150 in all, and a statement prepared anew costs more than running it.
 */
const STATEMENTS_KEPT = 256;

/** The embedded read-model database: a SQLite file beside the event store. */
export async function openSqliteReadModels(filename: string): Promise<ReadModelDb> {
  const db = openSqliteDatabase<ReadModelTables>(filename, 'NORMAL');
  await migrateReadModels(db);
  return db;
}

/**
 * A Kysely instance over a SQLite file of the embedded default (WAL, shared by the processes of one
 * machine). `FULL` syncs every commit, for state that must survive a power cut once answered.
 */
export function openSqliteDatabase<DB>(
  filename: string,
  synchronous: 'NORMAL' | 'FULL' = 'FULL',
): Kysely<DB> {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const database = new Database(filename);
  database.pragma('journal_mode = WAL');
  database.pragma(`synchronous = ${synchronous}`);
  database.pragma('busy_timeout = 10000');
  return new Kysely<DB>({
    dialect: new SqliteDialect({ database: reusingStatements(database, STATEMENTS_KEPT) }),
  });
}

/** Empties every read model and checkpoint, for a rebuild from position 0. */
export async function truncateReadModels(db: ReadModelDb): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('referral_summary').execute();
    await trx.deleteFrom('referral_search').execute();
    await emptyReportTables(trx);
    await trx.deleteFrom('referral_identity_words').execute();
    await trx.deleteFrom('referral_identity').execute();
    await trx.deleteFrom('access_log').execute();
    await trx.deleteFrom('access_log_referrals').execute();
    await trx.deleteFrom('projection_checkpoints').execute();
  });
}
