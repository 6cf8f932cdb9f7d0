import { sql } from 'kysely';
import type { CreateTableBuilder } from 'kysely';
import type { ReadModelDb } from '../database';
import { isSqlite } from '../spells/person-keys.sql';
import { migrateContactFacts } from './contact-facts';
import type { ReferralContactFactsTable } from './contact-facts';
import { migratePrescriptionFacts } from './prescription-facts';
import { invalidatePersonSpells, migratePersonSpells } from '../spells/person-spells.schema';
import type { PersonSpellTables } from '../spells/person-spells.schema';
import type { ReferralPrescriptionFactsTable } from './prescription-facts';

/**
 * One row per referral of what the reports aggregate (waiting times, equity, outcomes), derived from
 * its summary by the summary projection in the same transaction: coded groups, and each time as the
 * UTC day number it fell on (days since 1970-01-01), so a report takes any `asOf` in SQL. No personal data.
 */
export interface ReferralReportFactsTable {
  referral_id: string;
  /** The derivation that wrote the row (`REPORT_FACTS_VERSION`); rows of another are derived again on open. */
  version: number;
  received_day: number;
  /** `YYYY-MM`, UTC. */
  received_month: string;
  status: string;
  /** The PCN's ODS code, `unknown` when none was given. */
  pcn: string;
  source_kind: string;
  age_band: string;
  /**
   * The referral's groups in the equity breakdowns, one column to count by:
   * `source group|age band|under 16 (1 or 0)|gender group|ethnic group`, e.g. `gp|11-15|1|female|white`.
   */
  equity_groups: string;
  /** The first day it was declined, withdrawn, merged or ended; null while open. */
  closed_day: number | null;
  declined_day: number | null;
  /** Per waiting clock: the day it stopped, and the wait in whole UTC calendar days; null while running. */
  acceptance_stop_day: number | null;
  acceptance_wait_days: number | null;
  first_contact_stop_day: number | null;
  first_contact_wait_days: number | null;
  second_contact_stop_day: number | null;
  second_contact_wait_days: number | null;
  help_started_stop_day: number | null;
  help_started_wait_days: number | null;
  backdated_clock_stops: number;
  /** The referral's reliable change across its paired measures (improved, no_change, deteriorated); null if none. */
  outcome_change: string | null;
}

/**
 * One row per measure and rater a referral has paired scores for (outcomes report), with its reliable
 * change and, so no join is needed, the referral's receipt and groups. Kept with the report facts.
 */
export interface ReferralOutcomePairTable {
  referral_id: string;
  measure: string;
  rater: string;
  /** improved, no_change, deteriorated; null for a measure without a reliable change threshold. */
  reliable_change: string | null;
  received_day: number;
  received_month: string;
  pcn: string;
  source_kind: string;
  age_band: string;
}

/** The report tables, part of `ReadModelTables`. */
export interface ReportTables extends PersonSpellTables {
  referral_report_facts: ReferralReportFactsTable;
  referral_outcome_pairs: ReferralOutcomePairTable;
  referral_prescription_facts: ReferralPrescriptionFactsTable;
  referral_contact_facts: ReferralContactFactsTable;
}

/** Empties the report tables (a rebuild starts from nothing). */
export async function emptyReportTables(db: ReadModelDb): Promise<void> {
  await db.deleteFrom('referral_report_facts').execute();
  await db.deleteFrom('referral_outcome_pairs').execute();
  await db.deleteFrom('referral_prescription_facts').execute();
  await db.deleteFrom('referral_person_spell').execute();
  await db.deleteFrom('person_access_run').execute();
  await db.deleteFrom('access_month_tally').execute();
  await db.deleteFrom('spell_month_tally').execute();
  await invalidatePersonSpells(db);
  await db.deleteFrom('referral_contact_facts').execute();
}

/** The waiting clocks as the report facts name their columns (`<clock>_stop_day`, `<clock>_wait_days`). */
export const WAIT_CLOCK_COLUMNS = ['acceptance', 'first_contact', 'second_contact', 'help_started'] as const;

/**
 * The report tables are kept in the order of the day referrals were received (primary key first on
 * `received_day`), so a report's window is one range read. SQLite keeps that order only for a table
 * WITHOUT ROWID; PostgreSQL has no such clause and reads a wide window from the heap.
 */
const clusteredOnSqlite = (db: ReadModelDb) => (table: CreateTableBuilder<string, never>) =>
  isSqlite(db) ? table.modifyEnd(sql`without rowid`) : table;

/** The equity index: combination, then day received, then what the equity count reads. */
const EQUITY_INDEX_COLUMNS = [
  'equity_groups',
  'received_day',
  'status',
  'declined_day',
  'help_started_stop_day',
  'help_started_wait_days',
  'closed_day',
] as const;

/** Creates the report tables if missing; the same statements on SQLite and PostgreSQL but for the clustering. */
export async function migrateReportFacts(db: ReadModelDb): Promise<void> {
  let facts = db.schema
    .createTable('referral_report_facts')
    .ifNotExists()
    .addColumn('referral_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('received_day', 'integer', (c) => c.notNull())
    .addColumn('received_month', 'varchar(7)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('pcn', 'varchar(20)', (c) => c.notNull())
    .addColumn('source_kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('age_band', 'varchar(10)', (c) => c.notNull())
    .addColumn('equity_groups', 'varchar(100)', (c) => c.notNull())
    .addColumn('closed_day', 'integer')
    .addColumn('declined_day', 'integer');
  for (const clock of WAIT_CLOCK_COLUMNS)
    facts = facts.addColumn(`${clock}_stop_day`, 'integer').addColumn(`${clock}_wait_days`, 'integer');
  await facts
    .addColumn('backdated_clock_stops', 'integer', (c) => c.notNull())
    .addColumn('outcome_change', 'varchar(20)')
    .addPrimaryKeyConstraint('referral_report_facts_pk', ['received_day', 'referral_id'])
    .$call(clusteredOnSqlite(db))
    .execute();
  // SQLite counts equity by walking this index, combination by combination, rather than sorting a
  // window's rows (`equityTallies`); it holds every column that count reads. PostgreSQL hashes instead.
  if (isSqlite(db))
    await db.schema
      .createIndex('referral_report_facts_equity')
      .ifNotExists()
      .on('referral_report_facts')
      .columns([...EQUITY_INDEX_COLUMNS])
      .execute();
  await db.schema
    .createTable('referral_outcome_pairs')
    .ifNotExists()
    .addColumn('referral_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('measure', 'varchar(20)', (c) => c.notNull())
    .addColumn('rater', 'varchar(20)', (c) => c.notNull())
    .addColumn('reliable_change', 'varchar(20)')
    .addColumn('received_day', 'integer', (c) => c.notNull())
    .addColumn('received_month', 'varchar(7)', (c) => c.notNull())
    .addColumn('pcn', 'varchar(20)', (c) => c.notNull())
    .addColumn('source_kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('age_band', 'varchar(10)', (c) => c.notNull())
    .addPrimaryKeyConstraint('referral_outcome_pairs_pk', ['received_day', 'referral_id', 'measure', 'rater'])
    .$call(clusteredOnSqlite(db))
    .execute();
  await migratePrescriptionFacts(db, clusteredOnSqlite(db));
  await migratePersonSpells(db, clusteredOnSqlite(db));
  await migrateContactFacts(db, clusteredOnSqlite(db));
  await db.schema
    .createIndex('referral_report_facts_referral')
    .ifNotExists()
    .unique()
    .on('referral_report_facts')
    .column('referral_id')
    .execute();
  await db.schema
    .createIndex('referral_outcome_pairs_referral')
    .ifNotExists()
    .on('referral_outcome_pairs')
    .column('referral_id')
    .execute();
}
