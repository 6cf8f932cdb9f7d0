import type { ColumnDefinitionBuilder, CreateTableBuilder } from 'kysely';
import type { ReadModelDb } from '../database';
import { isSqlite } from './person-keys.sql';
import { insertRows } from '../runner/bulk-rows';

/**
 * Each referral's young person and referral spell as they stand on everything recorded (ADR 0019):
 * kept from the report facts and the blind index by `refreshPersonSpells`, so the spells report counts
 * the spells of young people with nothing recorded after its `asOf` by one grouped scan. Opaque keys and day numbers only; the
 * person key is made of blind-index tokens (keyed HMACs, as in `referral_identity`), never values.
 */
export interface ReferralPersonSpellTable {
  referral_id: string;
  /** As in its report facts: the table is kept in this order, so a report's window is one range read. */
  received_day: number;
  received_month: string;
  acceptance_wait_days: number | null;
  first_contact_wait_days: number | null;
  second_contact_wait_days: number | null;
  help_started_wait_days: number | null;
  /** Which referrals are of one young person: `n:`/`p:` and a blind token, or `r:` and the referral alone. */
  person_key: string;
  /** The name-and-date-of-birth token the key was made with, to find its neighbours when it changes. */
  person_token: string | null;
  /** 1 when the referral starts its spell (its first referral, received on the spell's start day), else 0. */
  starts: number;
  spell_size: number;
  spell_start_day: number;
  spell_start_month: string;
  /** The day its last referral closed; `OPEN_DAY` while one is open. */
  spell_end_day: number;
  /** Per waiting clock, the first day one of its referrals stopped it; null while none has. */
  spell_acceptance_stop_day: number | null;
  spell_first_contact_stop_day: number | null;
  spell_second_contact_stop_day: number | null;
  spell_help_started_stop_day: number | null;
  /** The latest day any fact of the young person's referrals holds: as at it or later, this spell is theirs. */
  person_last_day: number;
  /** 1 for a merged referral: kept for its young person's key (access counts its contacts), in no spell. */
  merged: number;
}

/** When each access measure counts a young person (`AccessRun`): months as `monthNumber`s, inclusive. */
export interface PersonAccessRunTable {
  person_key: string;
  measure: string;
  from_month: number;
  to_month: number;
  pcn: string;
  band: string;
}

/** How many young people each access measure counts in the 12 months ending with each month, by PCN and band. */
export interface AccessMonthTallyTable {
  measure: string;
  month: number;
  pcn: string;
  band: string;
  n: number;
}

/** Referrals whose facts or blind-index tokens changed since the spells were last brought up to date. */
export interface ReferralPersonSpellDirtyTable {
  referral_id: string;
}

/** One row (`id` 1): whether the spells were built. */
export interface ReferralPersonSpellStateTable {
  id: number;
  built: number;
}

/** The kept referrals grouped as the spells report counts them, per clock and month received (`SpellGroup`). */
export interface SpellMonthTallyTable {
  measure: string;
  month: string;
  size: number;
  wait: number;
  starts: number;
  spell_wait: number;
  closed: number;
  n: number;
  referrals: number;
}

export interface PersonSpellTables {
  referral_person_spell: ReferralPersonSpellTable;
  spell_month_tally: SpellMonthTallyTable;
  person_access_run: PersonAccessRunTable;
  access_month_tally: AccessMonthTallyTable;
  referral_person_spell_dirty: ReferralPersonSpellDirtyTable;
  referral_person_spell_state: ReferralPersonSpellStateTable;
}

/** The end day of a referral or spell still open: later than any day, so `MAX` keeps it open. */
export const OPEN_DAY = 1_000_000_000;

/** Creates the spell tables if missing (the same statements on SQLite and PostgreSQL). */
export async function migratePersonSpells(
  db: ReadModelDb,
  clustered: (table: CreateTableBuilder<string, never>) => CreateTableBuilder<string, never>,
): Promise<void> {
  let table = db.schema
    .createTable('referral_person_spell')
    .ifNotExists()
    .addColumn('referral_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('received_day', 'integer', (c) => c.notNull())
    .addColumn('received_month', 'varchar(7)', (c) => c.notNull());
  for (const clock of ['acceptance', 'first_contact', 'second_contact', 'help_started'])
    table = table.addColumn(`${clock}_wait_days`, 'integer');
  await table
    .addColumn('person_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('person_token', 'varchar(200)')
    .addColumn('starts', 'integer', (c) => c.notNull())
    .addColumn('spell_size', 'integer', (c) => c.notNull())
    .addColumn('spell_start_day', 'integer', (c) => c.notNull())
    .addColumn('spell_start_month', 'varchar(7)', (c) => c.notNull())
    .addColumn('spell_end_day', 'integer', (c) => c.notNull())
    .addColumn('spell_acceptance_stop_day', 'integer')
    .addColumn('spell_first_contact_stop_day', 'integer')
    .addColumn('spell_second_contact_stop_day', 'integer')
    .addColumn('spell_help_started_stop_day', 'integer')
    .addColumn('person_last_day', 'integer', (c) => c.notNull())
    .addColumn('merged', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('referral_person_spell_pk', ['received_day', 'referral_id'])
    .$call(clustered)
    .execute();
  await db.schema
    .createIndex('referral_person_spell_referral')
    .ifNotExists()
    .unique()
    .on('referral_person_spell')
    .column('referral_id')
    .execute();
  for (const [name, column] of [
    ['referral_person_spell_key', 'person_key'],
    ['referral_person_spell_token', 'person_token'],
    ['referral_person_spell_last_day', 'person_last_day'],
  ] as const)
    await db.schema.createIndex(name).ifNotExists().on('referral_person_spell').column(column).execute();
  await migrateTallies(db);
  await db.schema
    .createTable('referral_person_spell_dirty')
    .ifNotExists()
    .addColumn('referral_id', 'varchar(64)', (c) => c.primaryKey())
    .execute();
  await db.schema
    .createTable('referral_person_spell_state')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('built', 'integer', (c) => c.notNull())
    .execute();
  await db
    .insertInto('referral_person_spell_state')
    .values({ id: 1, built: 0 })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/**
 * The spells are to be built again from nothing on their next refresh: after a rebuild emptied the
 * tables they read, or after rows were written there other than by the projections (which mark them).
 */
export async function invalidatePersonSpells(db: ReadModelDb): Promise<void> {
  await db.deleteFrom('referral_person_spell_dirty').execute();
  await db.updateTable('referral_person_spell_state').set({ built: 0 }).execute();
}

/**
 * Marks these referrals' spells out of date (in the transaction that changed their facts or tokens).
 * Nothing to mark while the spells are not built (a rebuild, an upgrade): they will be built from
 * everything. The state row is read under a share lock on PostgreSQL, so a refresh building them
 * meanwhile either sees this transaction's facts or is seen to have built (SQLite runs one writer).
 */
export async function markPersonSpellsDirty(db: ReadModelDb, referralIds: readonly string[]): Promise<void> {
  if (referralIds.length === 0) return;
  const state = db.selectFrom('referral_person_spell_state').select('built').where('id', '=', 1);
  const row = await (isSqlite(db) ? state : state.forShare()).executeTakeFirst();
  if (Number(row?.built ?? 0) !== 1) return;
  await insertRows(
    db,
    'referral_person_spell_dirty',
    referralIds.map((referral_id) => ({ referral_id })),
    { kind: 'ignore', key: 'referral_id' },
  );
}

/** The kept tallies: spells by month, and access runs (then their month tallies). */
async function migrateTallies(db: ReadModelDb): Promise<void> {
  const count = (c: ColumnDefinitionBuilder) => c.notNull();
  await db.schema
    .createTable('spell_month_tally')
    .ifNotExists()
    .addColumn('measure', 'varchar(20)', count)
    .addColumn('month', 'varchar(7)', count)
    .addColumn('size', 'integer', count)
    .addColumn('wait', 'integer', count)
    .addColumn('starts', 'integer', count)
    .addColumn('spell_wait', 'integer', count)
    .addColumn('closed', 'integer', count)
    .addColumn('n', 'integer', count)
    .addColumn('referrals', 'integer', count)
    .addPrimaryKeyConstraint('spell_month_tally_pk', [
      'measure',
      'month',
      'size',
      'wait',
      'starts',
      'spell_wait',
      'closed',
    ])
    .execute();
  await db.schema
    .createTable('person_access_run')
    .ifNotExists()
    .addColumn('person_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('measure', 'varchar(3)', (c) => c.notNull())
    .addColumn('from_month', 'integer', (c) => c.notNull())
    .addColumn('to_month', 'integer', (c) => c.notNull())
    .addColumn('pcn', 'varchar(20)', (c) => c.notNull())
    .addColumn('band', 'varchar(10)', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_access_run_pk', ['person_key', 'measure', 'from_month'])
    .execute();
  await migratePersonAccess(db);
}

/** The access month tallies. */
async function migratePersonAccess(db: ReadModelDb): Promise<void> {
  await db.schema
    .createTable('access_month_tally')
    .ifNotExists()
    .addColumn('measure', 'varchar(3)', (c) => c.notNull())
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('pcn', 'varchar(20)', (c) => c.notNull())
    .addColumn('band', 'varchar(10)', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('access_month_tally_pk', ['measure', 'month', 'pcn', 'band'])
    .execute();
}
