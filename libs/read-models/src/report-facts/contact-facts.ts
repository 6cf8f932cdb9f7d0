import type { CreateTableBuilder } from 'kysely';
import type { ReadModelDb } from '../database';
import type { AccessBand } from '../reports/access.report';
import type { ReadModelTx } from '../runner/projection';
import { deleteWhereIn, insertRows } from '../runner/bulk-rows';

/**
 * One row per attended contact of a referral (the access report, docs/domain.md#access), kept with the
 * report facts by the summary projection: the time, the PCN and the age band at the contact. The band
 * needs the date of birth, which is sealed: the projection stamps it only for an erased referral (from
 * the age at referral); the others are stamped by the API, which opens the sealed identity when a report
 * first needs them (`stampContactBands`). The date of birth is never kept, only the band.
 */
export interface ReferralContactFactsTable {
  contact_day: number;
  referral_id: string;
  /** The time as the summary's `attendedSessions` holds it (UTC ISO). */
  contact_at: string;
  /** When the referral was received: the order that keeps one record of a time recorded on two referrals. */
  received_at: string;
  /** The PCN's ODS code, `unknown` when none was given. */
  pcn: string;
  /** `0-4`, `5-10`, `11-15`, `16-17`, `18+` or `unknown`; null until stamped. */
  age_band: AccessBand | null;
  /**
   * A fingerprint of the sealed identity the band is (to be) worked out from; null once erased. A stamp
   * is written only where it still matches, so a corrected identity is never stamped from the old one.
   */
  identity_fp: string | null;
}

/** Creates the table if missing, clustered on the contact day like the other report tables. */
export async function migrateContactFacts(
  db: ReadModelDb,
  clustered: (table: CreateTableBuilder<string, never>) => CreateTableBuilder<string, never>,
): Promise<void> {
  await db.schema
    .createTable('referral_contact_facts')
    .ifNotExists()
    .addColumn('contact_day', 'integer', (c) => c.notNull())
    .addColumn('referral_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('contact_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('received_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('pcn', 'varchar(20)', (c) => c.notNull())
    .addColumn('age_band', 'varchar(10)')
    .addColumn('identity_fp', 'varchar(16)')
    .addPrimaryKeyConstraint('referral_contact_facts_pk', ['contact_day', 'referral_id', 'contact_at'])
    .$call(clustered)
    .execute();
  await db.schema
    .createIndex('referral_contact_facts_referral')
    .ifNotExists()
    .on('referral_contact_facts')
    .column('referral_id')
    .execute();
  // The contacts still to be stamped in a window: one range read, usually empty.
  await db.schema
    .createIndex('referral_contact_facts_band')
    .ifNotExists()
    .on('referral_contact_facts')
    .columns(['age_band', 'contact_day'])
    .execute();
}

const stampKey = (referralId: string, at: string) => `${referralId}|${at}`;

/** The bands already stamped on these referrals' contacts, with the identity they were worked out from. */
async function stampsOf(trx: ReadModelTx, referralIds: readonly string[]) {
  const rows = await trx
    .selectFrom('referral_contact_facts')
    .select(['referral_id', 'contact_at', 'age_band', 'identity_fp'])
    .where('referral_id', 'in', referralIds)
    .where('age_band', 'is not', null)
    .where('identity_fp', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [stampKey(r.referral_id, r.contact_at), r]));
}

/**
 * Replaces the contact rows of these referrals with `rows` (the summary projection's transaction),
 * keeping the band stamped on a contact that is still there, of the same sealed identity.
 */
export async function replaceContactFacts(
  trx: ReadModelTx,
  referralIds: readonly string[],
  rows: readonly ReferralContactFactsTable[],
  chunk: <T>(items: readonly T[]) => T[][],
): Promise<void> {
  const kept = new Map<string, { age_band: string | null; identity_fp: string | null }>();
  for (const part of chunk(referralIds))
    for (const [key, stamp] of await stampsOf(trx, part)) kept.set(key, stamp);
  await deleteWhereIn(trx, 'referral_contact_facts', 'referral_id', referralIds);
  const written = rows.map((r) => {
    const stamp = r.age_band === null ? kept.get(stampKey(r.referral_id, r.contact_at)) : undefined;
    return stamp && stamp.identity_fp === r.identity_fp
      ? { ...r, age_band: stamp.age_band as AccessBand }
      : r;
  });
  await insertRows(trx, 'referral_contact_facts', written);
}
