import type { OnConflictBuilder, OnConflictUpdateBuilder } from 'kysely';
import type { ReadModelDb, ReadModelTables } from '../database';
import type { ReferralReportFactsTable } from './report-facts.schema';
import type { ReferralSummary } from '../referral-summary/referral-summary';
import type { ReadModelTx } from '../runner/projection';
import { deleteWhereIn, insertRows } from '../runner/bulk-rows';
import { replaceContactFacts } from './contact-facts';
import { replacePrescriptionFacts } from './prescription-facts';
import { invalidatePersonSpells, markPersonSpellsDirty } from '../spells/person-spells.schema';
import { REPORT_FACTS_VERSION, reportRowsOf } from './report-facts';
import type { ReportRows } from './report-facts';

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

type FactColumn = Exclude<keyof ReferralReportFactsTable, 'referral_id'>;

// Every column but the key, checked against the table: a column added there must be added here.
const FACT_COLUMNS = Object.keys({
  version: true,
  received_day: true,
  received_month: true,
  status: true,
  pcn: true,
  source_kind: true,
  age_band: true,
  equity_groups: true,
  closed_day: true,
  declined_day: true,
  acceptance_stop_day: true,
  acceptance_wait_days: true,
  first_contact_stop_day: true,
  first_contact_wait_days: true,
  second_contact_stop_day: true,
  second_contact_wait_days: true,
  help_started_stop_day: true,
  help_started_wait_days: true,
  backdated_clock_stops: true,
  outcome_change: true,
} satisfies Record<FactColumn, true>) as FactColumn[];

type FactsConflict = OnConflictBuilder<ReadModelTables, 'referral_report_facts'>;

/** Every column but the key takes the value written. */
function replacingFacts(
  oc: FactsConflict,
): OnConflictUpdateBuilder<ReadModelTables, 'referral_report_facts'> {
  return oc.column('referral_id').doUpdateSet((eb) => {
    const set: Record<string, unknown> = {};
    for (const column of FACT_COLUMNS) set[column] = eb.ref(`excluded.${column}`);
    return set;
  });
}

/** Replaces the outcome pairs, prescription and contact rows of these referrals with theirs. */
async function replacePairs(trx: ReadModelTx, rows: readonly ReportRows[]): Promise<void> {
  const ids = rows.map((r) => r.facts.referral_id);
  await deleteWhereIn(trx, 'referral_outcome_pairs', 'referral_id', ids);
  await insertRows(
    trx,
    'referral_outcome_pairs',
    rows.flatMap((r) => r.pairs),
  );
  await replacePrescriptionFacts(
    trx,
    ids,
    rows.flatMap((r) => r.prescriptions),
  );
  await replaceContactFacts(
    trx,
    ids,
    rows.flatMap((r) => r.contacts),
    chunks,
  );
}

/** Writes the report facts and outcome pairs of these summaries (the summary projection's transaction). */
export async function saveReportFacts(
  trx: ReadModelTx,
  summaries: readonly ReferralSummary[],
): Promise<void> {
  const rows = summaries.map(reportRowsOf);
  await insertRows(
    trx,
    'referral_report_facts',
    rows.map((r) => r.facts),
    { kind: 'replace', key: 'referral_id' },
  );
  await replacePairs(trx, rows);
  await markPersonSpellsDirty(
    trx,
    rows.map((r) => r.facts.referral_id),
  );
}

/** Removes the report facts, outcome pairs, prescription and contact rows of these referrals. */
export async function deleteReportFacts(trx: ReadModelTx, referralIds: readonly string[]): Promise<void> {
  for (const table of [
    'referral_report_facts',
    'referral_outcome_pairs',
    'referral_prescription_facts',
    'referral_contact_facts',
  ] as const)
    await deleteWhereIn(trx, table, 'referral_id', referralIds);
  await markPersonSpellsDirty(trx, referralIds);
}

/**
 * Every summary has its facts, of this derivation. Facts are written and removed only beside their
 * summary, so equal counts say so: two counts and a scan on every open, not a join of every row.
 */
async function upToDate(db: ReadModelDb): Promise<boolean> {
  const count = async (table: 'referral_summary' | 'referral_report_facts') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const stale = await db
    .selectFrom('referral_report_facts')
    .select('referral_id')
    .where('version', '<>', REPORT_FACTS_VERSION)
    .limit(1)
    .execute();
  return stale.length === 0 && (await count('referral_summary')) === (await count('referral_report_facts'));
}

/**
 * Derives the report facts of every summary that has none, or whose facts an earlier derivation wrote
 * (`REPORT_FACTS_VERSION`): a read-model database from before the facts existed, or before their
 * derivation changed, is brought up to date on open without a replay. Safe beside a running
 * projection: a row the projection has written at this version is never overwritten with the page
 * read before it. Returns how many referrals were derived.
 */
export async function backfillReportFacts(db: ReadModelDb): Promise<number> {
  if (await upToDate(db)) return 0;
  let after = '';
  let derived = 0;
  for (;;) {
    const page = await db
      .selectFrom('referral_summary as s')
      .leftJoin('referral_report_facts as f', 'f.referral_id', 's.referral_id')
      .select(['s.referral_id', 's.doc'])
      .where('s.referral_id', '>', after)
      .where((eb) => eb.or([eb('f.referral_id', 'is', null), eb('f.version', '<>', REPORT_FACTS_VERSION)]))
      .orderBy('s.referral_id')
      .limit(CHUNK)
      .execute();
    if (page.length === 0) {
      // Facts written here, not by the projection: the spells kept from them are built again.
      if (derived > 0) await invalidatePersonSpells(db);
      return derived;
    }
    const rows = page.map((r) => reportRowsOf(JSON.parse(r.doc) as ReferralSummary));
    await db.transaction().execute(async (trx) => {
      const written = await trx
        .insertInto('referral_report_facts')
        .values(rows.map((r) => r.facts))
        .onConflict((oc) =>
          replacingFacts(oc).where('referral_report_facts.version', '<>', REPORT_FACTS_VERSION),
        )
        .returning('referral_id')
        .execute();
      const mine = new Set(written.map((w) => w.referral_id));
      await replacePairs(
        trx,
        rows.filter((r) => mine.has(r.facts.referral_id)),
      );
      derived += mine.size;
    });
    after = page.at(-1)!.referral_id;
  }
}

/** Every report fact, outcome pair, prescription and contact row, in key order (for comparing databases). */
export async function reportFactRows(db: ReadModelDb) {
  return {
    reportFacts: await db.selectFrom('referral_report_facts').selectAll().orderBy('referral_id').execute(),
    outcomePairs: await db
      .selectFrom('referral_outcome_pairs')
      .selectAll()
      .orderBy('referral_id')
      .orderBy('measure')
      .orderBy('rater')
      .execute(),
    prescriptionFacts: await db
      .selectFrom('referral_prescription_facts')
      .selectAll()
      .orderBy('referral_id')
      .orderBy('prescription_id')
      .execute(),
    contactFacts: await db
      .selectFrom('referral_contact_facts')
      .selectAll()
      .orderBy('referral_id')
      .orderBy('contact_at')
      .execute(),
  };
}
