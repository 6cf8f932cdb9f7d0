import { sql } from 'kysely';
import type { ReadModelDb } from '../database';
import type { ReferralSummary } from '../referral-summary/referral-summary';
import { dayNumber, identityFingerprint } from '../report-facts/report-facts';
import { accessBandOf, ageAtContact } from '../reports/access.report';
import type { AccessBand, AccessContact } from '../reports/access.report';
import { markPersonSpellsDirty } from '../spells/person-spells.schema';

/** An attended contact as `referral_contact_facts` keeps it; `band` is null until stamped. */
export type ContactFact = {
  referralId: string;
  at: string;
  /** When its referral was received: with the id, the order that keeps one record of a time recorded twice. */
  receivedAt: string;
  pcn: string;
  band: AccessBand | null;
  /** The opaque key of the referral's young person (`personKey`, never returned); null when not kept. */
  person: string | null;
};

/** The age band at one contact, worked out from the sealed identity with this fingerprint. */
export type ContactBandStamp = {
  referralId: string;
  contactAt: string;
  band: AccessBand;
  identityFp: string;
};

/**
 * The age band at each contact of a referral with a sealed identity, worked out as the access report
 * does (`ageAtContact`) from the date of birth opened from it, or from the age at referral when it
 * could not be opened (null). None for an erased referral: the projection stamped its contacts.
 */
export function contactBandStamps(s: ReferralSummary, dateOfBirth: string | null): ContactBandStamp[] {
  const identityFp = identityFingerprint(s.sealedIdentity);
  if (identityFp === null) return [];
  return [...new Set(s.attendedSessions)].map((at) => ({
    referralId: s.referralId,
    contactAt: at,
    band: accessBandOf(ageAtContact({ dateOfBirth, summary: s }, at)),
    identityFp,
  }));
}

/** The key of a contact in `pending`. */
export const contactKey = (referralId: string, at: string) => `${referralId}|${at}`;

/**
 * The contacts as the access count reads them (`accessRowsOf`): each referral's young person as the
 * fact holds it, else from `personOf`, ranked by when the referral was received, then its id; a band
 * not stamped yet from `pending` (worked out in memory, by `contactKey`), else unknown (a contact saved
 * while counting).
 */
export function accessContactsFrom(
  facts: readonly ContactFact[],
  personOf: ReadonlyMap<string, string> = new Map(),
  pending: ReadonlyMap<string, AccessBand> = new Map(),
): AccessContact[] {
  return facts.map((f) => ({
    person: f.person ?? personOf.get(f.referralId) ?? `referral:${f.referralId}`,
    at: f.at,
    pcn: f.pcn,
    band: f.band ?? pending.get(contactKey(f.referralId, f.at)) ?? 'unknown',
    rank: `${f.receivedAt}|${f.referralId}`,
  }));
}

/** The contact days of the UTC dates from..to, inclusive, as SQL literals (whole numbers, checked). */
function days(from: string, to: string) {
  const [fromDay, toDay] = [dayNumber(from), dayNumber(to)];
  if (!Number.isSafeInteger(fromDay) || !Number.isSafeInteger(toDay))
    throw new RangeError(`Not UTC dates: ${from}, ${to}`);
  return [sql.lit(fromDay), sql.lit(toDay)] as const;
}

/**
 * The attended contacts on the dates from..to (UTC, inclusive), every referral's, merged or not, with
 * the key of the referral's young person as the kept spells hold it (null only before they are built).
 */
export async function contactFactsBetween(db: ReadModelDb, from: string, to: string): Promise<ContactFact[]> {
  const [fromDay, toDay] = days(from, to);
  const rows = await db
    .selectFrom('referral_contact_facts as c')
    .leftJoin('referral_person_spell as p', 'p.referral_id', 'c.referral_id')
    .select(['c.referral_id', 'c.contact_at', 'c.received_at', 'c.pcn', 'c.age_band', 'p.person_key'])
    .where('c.contact_day', '>=', fromDay)
    .where('c.contact_day', '<=', toDay)
    .execute();
  return rows.map((r) => ({
    referralId: r.referral_id,
    at: r.contact_at,
    receivedAt: r.received_at,
    pcn: r.pcn,
    band: r.age_band,
    person: r.person_key,
  }));
}

/** The referrals with a contact on the dates from..to whose age band is not stamped yet. */
export async function unstampedContactReferrals(
  db: ReadModelDb,
  from: string,
  to: string,
): Promise<string[]> {
  const [fromDay, toDay] = days(from, to);
  const rows = await db
    .selectFrom('referral_contact_facts')
    .select('referral_id')
    .distinct()
    .where('age_band', 'is', null)
    .where('contact_day', '>=', fromDay)
    .where('contact_day', '<=', toDay)
    .execute();
  return rows.map((r) => r.referral_id);
}

const PAGE = 500;

/** The stamps grouped per referral, identity and band: one statement each, usually one per referral. */
function grouped(stamps: readonly ContactBandStamp[]) {
  const groups = new Map<
    string,
    { referralId: string; identityFp: string; band: AccessBand; at: string[] }
  >();
  for (const s of stamps) {
    const key = `${s.referralId}|${s.identityFp}|${s.band}`;
    const group = groups.get(key) ?? groups.set(key, { ...s, at: [] }).get(key)!;
    group.at.push(s.contactAt);
  }
  return [...groups.values()];
}

/**
 * Stamps the age band on these contacts where none is stamped yet and the referral's sealed identity
 * is still the one the band was worked out from (a corrected or erased identity is not stamped from the
 * old one). Returns how many contacts were stamped.
 */
export async function stampContactBands(
  db: ReadModelDb,
  stamps: readonly ContactBandStamp[],
): Promise<number> {
  const groups = grouped(stamps);
  let stamped = 0;
  for (let i = 0; i < groups.length; i += PAGE)
    await db.transaction().execute(async (trx) => {
      for (const g of groups.slice(i, i + PAGE)) {
        const result = await trx
          .updateTable('referral_contact_facts')
          .set({ age_band: g.band })
          .where('referral_id', '=', g.referralId)
          .where('contact_at', 'in', g.at)
          .where('age_band', 'is', null)
          .where('identity_fp', '=', g.identityFp)
          .executeTakeFirst();
        stamped += Number(result.numUpdatedRows);
        // The kept access counts read the bands: this young person's are counted again.
        if (result.numUpdatedRows > 0n) await markPersonSpellsDirty(trx, [g.referralId]);
      }
    });
  return stamped;
}
