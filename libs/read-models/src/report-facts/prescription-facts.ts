import { sql } from 'kysely';
import type { CreateTableBuilder } from 'kysely';
import type { ReadModelDb } from '../database';
import type { Prescribed } from '../reports/prescriptions.report';
import type { ReadModelTx } from '../runner/projection';
import { deleteWhereIn, insertRows } from '../runner/bulk-rows';
import { dayNumber } from './report-facts';

/**
 * One row per social prescription (prescriptions report), kept with the report facts by the summary
 * projection: the day it was made, the directory service, the last uptake recorded and the referral's age
 * band at referral. No personal data (the note and feedback stay sealed in the events).
 */
export interface ReferralPrescriptionFactsTable {
  prescribed_day: number;
  referral_id: string;
  prescription_id: string;
  service_id: string;
  /** attended, did_not_attend, declined, still_attending; null until one is recorded. */
  uptake: string | null;
  age_band: string;
}

/** Creates the table if missing, clustered on the day prescribed like the other report tables. */
export async function migratePrescriptionFacts(
  db: ReadModelDb,
  clustered: (table: CreateTableBuilder<string, never>) => CreateTableBuilder<string, never>,
): Promise<void> {
  await db.schema
    .createTable('referral_prescription_facts')
    .ifNotExists()
    .addColumn('prescribed_day', 'integer', (c) => c.notNull())
    .addColumn('referral_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('prescription_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('service_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('uptake', 'varchar(20)')
    .addColumn('age_band', 'varchar(10)', (c) => c.notNull())
    .addPrimaryKeyConstraint('referral_prescription_facts_pk', [
      'prescribed_day',
      'referral_id',
      'prescription_id',
    ])
    .$call(clustered)
    .execute();
  await db.schema
    .createIndex('referral_prescription_facts_referral')
    .ifNotExists()
    .on('referral_prescription_facts')
    .column('referral_id')
    .execute();
}

/** Replaces the prescription rows of these referrals with `rows` (the summary projection's transaction). */
export async function replacePrescriptionFacts(
  trx: ReadModelTx,
  referralIds: readonly string[],
  rows: readonly ReferralPrescriptionFactsTable[],
): Promise<void> {
  await deleteWhereIn(trx, 'referral_prescription_facts', 'referral_id', referralIds);
  await insertRows(trx, 'referral_prescription_facts', rows);
}

/**
 * Prescriptions made on the dates from..to (UTC, inclusive), counted in SQL by service, age band and
 * last uptake: what `prescriptionRowsOf` builds the report from, a row per combination, not per prescription.
 */
export async function prescriptionTallies(db: ReadModelDb, from: string, to: string): Promise<Prescribed[]> {
  const [fromDay, toDay] = [dayNumber(from), dayNumber(to)];
  if (!Number.isSafeInteger(fromDay) || !Number.isSafeInteger(toDay))
    throw new RangeError(`Not UTC dates: ${from}, ${to}`);
  const rows = await db
    .selectFrom('referral_prescription_facts')
    .select((eb) => ['service_id', 'age_band', 'uptake', eb.fn.countAll<string | number>().as('n')])
    .where('prescribed_day', '>=', sql.lit(fromDay))
    .where('prescribed_day', '<=', sql.lit(toDay))
    .groupBy(['service_id', 'age_band', 'uptake'])
    .execute();
  return rows.map((r) => ({ serviceId: r.service_id, band: r.age_band, uptake: r.uptake, n: Number(r.n) }));
}
