import { seededRandom } from '@app/testing';
import type { ReadModelDb } from '../database';
import {
  accessContactsFrom,
  contactBandStamps,
  contactFactsBetween,
  stampContactBands,
  unstampedContactReferrals,
} from '../queries/contact-facts.queries';
import { referralsReceivedBetween } from '../queries/referral-summary.queries';
import type { ReferralSummary, SealedIdentity } from '../referral-summary/referral-summary';
import { referralSummaryProjection } from '../referral-summary/referral-summary.store';
import { accessRows, accessRowsOf, rollingYearFrom } from '../reports/access.report';
import { SUPPRESSION, SUPPRESSION_POLICIES } from '../reports/disclosure-control';
import { REPORT_FACTS_VERSION } from './report-facts';
import type { ReadModelDbFactory } from './report-facts.conformance';
import { randomSummaries } from './report-facts.fixtures';
import { backfillReportFacts, reportFactRows } from './report-facts.store';

const WINDOWS = [
  { from: '2026-01-01', to: '2026-03-31' },
  { from: '2026-04-01', to: '2026-09-30' },
  { from: '2026-06-15', to: '2026-06-15' },
  { from: '2027-01-01', to: '2027-12-31' },
];
const ALL = { from: '2020-01-01', to: '2029-12-31' };

/**
 * The sealed identities of the fixture: an envelope standing for one date of birth (the tests open it
 * by reading it back; the read models only ever fingerprint it). Birthdays fall around the contacts, so
 * young people turn 5, 11, 16 and 18 between them.
 */
const sealed = (dateOfBirth: string, version = 1): SealedIdentity => ({ kid: `k-${version}`, dateOfBirth });
const opened = (s: ReferralSummary) =>
  s.sealedIdentity === null ? null : (s.sealedIdentity.dateOfBirth as string);

function withIdentities(summaries: ReferralSummary[], rnd: () => number): ReferralSummary[] {
  return summaries.map((s) => {
    if (rnd() < 0.1) return { ...s, sealedIdentity: null };
    const years = [3, 4, 9, 10, 14, 15, 16, 17, 18][Math.floor(rnd() * 9)]!;
    const born = new Date(Date.parse(s.receivedAt) - (years * 365.25 + rnd() * 365) * 86_400_000);
    return { ...s, sealedIdentity: sealed(born.toISOString().slice(0, 10)) };
  });
}

/** One young person for every few referrals, the same for the reference and the rows. */
const personOf = (summaries: readonly ReferralSummary[]) =>
  new Map(summaries.map((s, i) => [s.referralId, `person-${(i * 7) % 130}`]));

const save = (db: ReadModelDb, summaries: readonly ReferralSummary[]) =>
  db
    .transaction()
    .execute((trx) => referralSummaryProjection.save(trx, new Map(summaries.map((s) => [s.referralId, s]))));

/** What the API does: opens the identities of the referrals with unstamped contacts and stamps them. */
async function stampAll(db: ReadModelDb): Promise<number> {
  const ids = new Set(await unstampedContactReferrals(db, ALL.from, ALL.to));
  const summaries = (await referralsReceivedBetween(db, ALL.from, ALL.to)).filter((s) =>
    ids.has(s.referralId),
  );
  return stampContactBands(
    db,
    summaries.flatMap((s) => contactBandStamps(s, opened(s))),
  );
}

/** The reference over the summaries in the order the rows rank them (received, then id). */
async function reference(db: ReadModelDb, persons: Map<string, string>, from: string, to: string) {
  const summaries = (await referralsReceivedBetween(db, ALL.from, ALL.to)).sort(
    (a, b) => a.receivedAt.localeCompare(b.receivedAt) || (a.referralId < b.referralId ? -1 : 1),
  );
  const referrals = summaries.map((s) => ({
    summary: s,
    person: persons.get(s.referralId)!,
    dateOfBirth: opened(s),
  }));
  return SUPPRESSION_POLICIES.map((p) => accessRows(referrals, from, to, SUPPRESSION[p]));
}

async function fromRows(db: ReadModelDb, persons: Map<string, string>, from: string, to: string) {
  const facts = await contactFactsBetween(db, rollingYearFrom(from), to);
  expect(facts.every((f) => f.band !== null)).toBe(true);
  const contacts = accessContactsFrom(facts, persons);
  return SUPPRESSION_POLICIES.map((p) => accessRowsOf(contacts, from, to, SUPPRESSION[p]));
}

/**
 * The access report counted from the contact facts, their age bands stamped from the sealed identities,
 * must equal the reference computed from the summaries, on every database the read models run on:
 * after sessions are added, identities erased and dates of birth corrected. Import from test files only.
 */
export function describeContactFacts(name: string, { open, close }: ReadModelDbFactory): void {
  describe(`${name}: the access report from the contact facts`, () => {
    let db: ReadModelDb;
    let summaries: ReferralSummary[];
    let persons: Map<string, string>;

    beforeAll(async () => {
      db = await open();
      const rnd = seededRandom(43);
      summaries = withIdentities(randomSummaries(400, rnd), rnd);
      persons = personOf(summaries);
      await save(db, summaries);
    });
    afterAll(() => close(db));

    it('leaves the contacts of sealed identities to stamp, and stamps the erased from the age at referral', async () => {
      const facts = await contactFactsBetween(db, ALL.from, ALL.to);
      const sessions = summaries.reduce((n, s) => n + new Set(s.attendedSessions).size, 0);
      expect(facts).toHaveLength(sessions);
      const erased = new Set(summaries.filter((s) => s.sealedIdentity === null).map((s) => s.referralId));
      expect(facts.filter((f) => f.band === null).every((f) => !erased.has(f.referralId))).toBe(true);
      expect(facts.filter((f) => erased.has(f.referralId)).every((f) => f.band !== null)).toBe(true);
      expect(await stampAll(db)).toBe(facts.filter((f) => f.band === null).length);
      expect(await unstampedContactReferrals(db, ALL.from, ALL.to)).toEqual([]);
    });

    it.each(WINDOWS)('equals the reference for $from to $to, under every policy', async ({ from, to }) => {
      expect(await fromRows(db, persons, from, to)).toEqual(await reference(db, persons, from, to));
    });

    it('has young people of every band to compare, counted and not', async () => {
      const [rows] = await reference(db, persons, '2026-04-01', '2026-09-30');
      expect(rows!.overall.atLeastOneContact).toBeGreaterThan(40);
      expect(rows!.overall.atLeastTwoContacts).toBeGreaterThan(20);
      for (const band of rows!.byAgeBand) expect(band.atLeastOneContact).toBeGreaterThan(3);
      const bands = new Set((await contactFactsBetween(db, ALL.from, ALL.to)).map((f) => f.band));
      expect([...bands].sort()).toEqual(['0-4', '11-15', '16-17', '18+', '5-10', 'unknown']);
    });

    it('keeps the stamps of a referral saved again, and stamps only its new contact', async () => {
      const later = summaries.filter((s, i) => i % 5 === 0 && s.sealedIdentity !== null);
      const added = later.map((s) => ({
        ...s,
        attendedSessions: [...s.attendedSessions, '2026-08-20T10:00:00.000Z'].sort(),
      }));
      await save(db, added);
      expect((await unstampedContactReferrals(db, ALL.from, ALL.to)).sort()).toEqual(
        added.map((s) => s.referralId).sort(),
      );
      expect(await stampAll(db)).toBe(added.length);
      for (const w of WINDOWS)
        expect(await fromRows(db, persons, w.from, w.to)).toEqual(await reference(db, persons, w.from, w.to));
    });

    it('stamps the fallback once erased, and follows a corrected date of birth, refusing a stale stamp', async () => {
      const current = await referralsReceivedBetween(db, ALL.from, ALL.to);
      const withContacts = current.filter((s) => s.sealedIdentity !== null && s.attendedSessions.length);
      const [erase, correct] = [withContacts.slice(0, 10), withContacts.slice(10, 30)];
      const corrected = correct.map((s) => ({ ...s, sealedIdentity: sealed('2009-01-01', 2) }));
      await save(db, [...erase.map((s) => ({ ...s, sealedIdentity: null })), ...corrected]);
      const pending = await unstampedContactReferrals(db, ALL.from, ALL.to);
      expect(pending.sort()).toEqual(correct.map((s) => s.referralId).sort());
      // Worked out from the identity before the correction: refused.
      expect(
        await stampContactBands(
          db,
          correct.flatMap((s) => contactBandStamps(s, opened(s))),
        ),
      ).toBe(0);
      expect(await stampAll(db)).toBeGreaterThan(0);
      for (const w of WINDOWS)
        expect(await fromRows(db, persons, w.from, w.to)).toEqual(await reference(db, persons, w.from, w.to));
      const bands = (await contactFactsBetween(db, ALL.from, ALL.to)).filter((f) =>
        pending.includes(f.referralId),
      );
      expect(bands.every((f) => f.band === (f.at < '2027-01-01' ? '16-17' : '18+'))).toBe(true);
    });

    it('are derived for a database from before they were kept, left to stamp', async () => {
      const before = (await reportFactRows(db)).contactFacts;
      await db.deleteFrom('referral_contact_facts').execute();
      await db
        .updateTable('referral_report_facts')
        .set({ version: REPORT_FACTS_VERSION - 1 })
        .execute();
      expect(await backfillReportFacts(db)).toBe(summaries.length);
      const after = (await reportFactRows(db)).contactFacts;
      expect(after).toEqual(before.map((r) => (r.identity_fp === null ? r : { ...r, age_band: null })));
      await stampAll(db);
      expect((await reportFactRows(db)).contactFacts).toEqual(before);
    });
  });
}
