import { seededRandom } from '@app/testing';
import type { ReadModelDb } from '../database';
import { referralsReceivedBetween } from '../queries/referral-summary.queries';
import type { PrescriptionSummary, ReferralSummary } from '../referral-summary/referral-summary';
import { referralSummaryProjection } from '../referral-summary/referral-summary.store';
import { SUPPRESSION, SUPPRESSION_POLICIES } from '../reports/disclosure-control';
import { prescriptionRows, prescriptionRowsOf } from '../reports/prescriptions.report';
import type { ServiceFacts } from '../reports/prescriptions.report';
import { prescriptionTallies } from './prescription-facts';
import type { ReadModelDbFactory } from './report-facts.conformance';
import { randomSummaries } from './report-facts.fixtures';

const UPTAKES = [null, 'attended', 'did_not_attend', 'declined', 'still_attending'];
/** Services the directory knows (`svc-0`..`svc-3`, with terms) and one it no longer holds (`svc-gone`). */
const SERVICES = new Map<string, ServiceFacts>(
  [0, 1, 2, 3].map((i) => [
    `svc-${i}`,
    {
      name: `Service ${i}`,
      terms: [
        { id: `term-${i % 2}`, name: `Term ${i % 2}`, taxonomy: 'needs' },
        ...(i === 3 ? [{ id: 'term-football', name: 'Football', taxonomy: null }] : []),
      ],
    },
  ]),
);
const SERVICE_IDS = [...SERVICES.keys(), 'svc-gone'];
const WINDOWS = [
  { from: '2026-01-01', to: '2026-01-31' },
  { from: '2025-04-01', to: '2026-03-31' },
  { from: '2026-02-10', to: '2026-02-10' },
  { from: '2027-01-01', to: '2027-12-31' },
];

/** Up to three prescriptions of a referral, on or after it was received, each with its last uptake. */
function withPrescriptions(s: ReferralSummary, rnd: () => number): ReferralSummary {
  const received = Date.parse(s.receivedAt);
  const prescriptions: PrescriptionSummary[] = Array.from({ length: Math.floor(rnd() * 4) }, (_, i) => ({
    prescriptionId: `${s.referralId}-p${i}`,
    serviceId: SERVICE_IDS[Math.floor(rnd() * SERVICE_IDS.length)]!,
    prescribedAt: new Date(received + Math.floor(rnd() * 120 * 86_400_000)).toISOString(),
    uptake: UPTAKES[Math.floor(rnd() * UPTAKES.length)]!,
  }));
  return { ...s, prescriptions };
}

const save = (db: ReadModelDb, rows: Map<string, ReferralSummary | null>) =>
  db.transaction().execute((trx) => referralSummaryProjection.save(trx, rows));

/**
 * The prescriptions report counted in SQL must equal the reference computed from the summaries, on every
 * database the read models run on, after prescriptions are added, take up and referrals are removed.
 * Import from test files only: it needs jest.
 */
export function describePrescriptionsInSql(name: string, { open, close }: ReadModelDbFactory): void {
  describe(`${name}: the prescriptions report counted in SQL`, () => {
    let db: ReadModelDb;

    beforeAll(async () => {
      db = await open();
      const rnd = seededRandom(31);
      const first = randomSummaries(400, rnd).map((s) => withPrescriptions(s, rnd));
      await save(db, new Map(first.map((s) => [s.referralId, s])));
      // Uptake recorded later, new prescriptions, and referrals removed: the rows follow.
      const later = first.filter((_, i) => i % 4 === 0).map((s) => withPrescriptions(s, rnd));
      await save(db, new Map(later.map((s) => [s.referralId, s])));
      await save(db, new Map(first.filter((_, i) => i % 37 === 5).map((s) => [s.referralId, null])));
    });
    afterAll(() => close(db));

    it.each(WINDOWS)('equals the reference for prescriptions made $from to $to', async ({ from, to }) => {
      const summaries = await referralsReceivedBetween(db, '0001-01-01', '9999-12-31');
      const counted = await prescriptionTallies(db, from, to);
      for (const policy of SUPPRESSION_POLICIES)
        expect({ policy, rows: prescriptionRowsOf(counted, SERVICES, SUPPRESSION[policy]) }).toEqual({
          policy,
          rows: prescriptionRows(summaries, from, to, SERVICES, SUPPRESSION[policy]),
        });
    });

    it('counts every prescription of the window once', async () => {
      const counted = await prescriptionTallies(db, '2025-01-01', '2027-12-31');
      const summaries = await referralsReceivedBetween(db, '0001-01-01', '9999-12-31');
      const all = summaries.flatMap((s) => s.prescriptions ?? []);
      expect(all.length).toBeGreaterThan(300);
      expect(counted.reduce((n, p) => n + p.n, 0)).toBe(all.length);
    });
  });
}
