import type { OutcomeScoreEntry, ReferralSummary } from '../referral-summary/referral-summary';
import { SUPPRESSION } from './disclosure-control';
import type { PairedMeasure } from './outcomes.report';
import { outcomeRows, pairedMeasures, referralChange } from './outcomes.report';

const DAY_MS = 86_400_000;
/** `n` days after the referral was received on 2 March 2026. */
const day = (n: number): string =>
  new Date(Date.parse('2026-03-02T10:00:00.000Z') + n * DAY_MS).toISOString();
const FIRST_CONTACT = day(3);
const SECOND_CONTACT = day(10);

let seq = 0;
/** A referral first seen on day 3 and again on day 10; override what the test is about. */
function aReferral(o: Partial<ReferralSummary> = {}): ReferralSummary {
  seq += 1;
  return {
    referralId: `referral-${seq}`,
    status: 'active',
    linkWorkerId: 'lw-1',
    sealedIdentity: null,
    ageAtReferral: 13,
    sourceKind: 'gp',
    pcnCode: 'U12345',
    receivedAt: day(0),
    acceptedAt: day(1),
    declinedAt: null,
    endedAt: null,
    endReason: null,
    goalsSetAt: null,
    attendedSessions: [FIRST_CONTACT, SECOND_CONTACT],
    lastSessionAt: SECOND_CONTACT,
    firstContactAt: FIRST_CONTACT,
    secondContactAt: SECOND_CONTACT,
    helpStartedAt: null,
    scores: [],
    ...o,
  };
}
const score = (
  measure: string,
  value: number,
  at: string,
  rater = 'young_person',
  series = measure,
): OutcomeScoreEntry => ({ measure, rater, series, score: value, at });
const goal = (goalId: string, value: number, at: string): OutcomeScoreEntry =>
  score('GBO', value, at, 'young_person', goalId);
/** A referral with an ORS pair from first contact (day 3) to day 30. */
const withOrs = (first: number, last: number, o: Partial<ReferralSummary> = {}): ReferralSummary =>
  aReferral({ scores: [score('ORS', first, day(3)), score('ORS', last, day(30))], ...o });

describe('outcomes report', () => {
  describe('pairing scores', () => {
    describe('a referral with first and second contacts', () => {
      it('pairs the first score on or after the first contact with the last on or after the second', () => {
        const s = aReferral({
          scores: [score('ORS', 12, day(3)), score('ORS', 15, day(12)), score('ORS', 22, day(30))],
        });
        expect(pairedMeasures(s)).toEqual<PairedMeasure[]>([
          { measure: 'ORS', rater: 'young_person', first: 12, last: 22, change: 'improved' },
        ]);
      });

      it('ignores scores before the first contact', () => {
        // from 5 to 20 would be reliable improvement; from 15 (first contact) to 20 is not
        const s = aReferral({
          scores: [score('ORS', 5, day(1)), score('ORS', 15, day(3)), score('ORS', 20, day(30))],
        });
        expect(pairedMeasures(s)).toEqual([
          { measure: 'ORS', rater: 'young_person', first: 15, last: 20, change: 'no_change' },
        ]);
      });

      it('takes first and last by time, not the order they were recorded in', () => {
        const s = aReferral({
          scores: [score('ORS', 30, day(40)), score('ORS', 10, day(20)), score('ORS', 18, day(4))],
        });
        expect(pairedMeasures(s)).toEqual([
          { measure: 'ORS', rater: 'young_person', first: 18, last: 30, change: 'improved' },
        ]);
      });

      it('makes no pair when every later score is before the second contact', () => {
        const s = aReferral({ scores: [score('ORS', 10, day(3)), score('ORS', 30, day(8))] });
        expect(pairedMeasures(s)).toEqual([]);
      });

      it('makes no pair from a single score, even one after the second contact', () => {
        expect(pairedMeasures(aReferral({ scores: [score('ORS', 10, day(20))] }))).toEqual([]);
      });

      it('pairs each rater separately', () => {
        const s = aReferral({
          scores: [
            score('ORS', 10, day(3), 'young_person'),
            score('ORS', 20, day(30), 'young_person'),
            score('ORS', 20, day(3), 'parent_carer'),
            score('ORS', 12, day(30), 'parent_carer'),
          ],
        });
        expect(pairedMeasures(s)).toEqual([
          { measure: 'ORS', rater: 'young_person', first: 10, last: 20, change: 'improved' },
          { measure: 'ORS', rater: 'parent_carer', first: 20, last: 12, change: 'deteriorated' },
        ]);
      });

      it('pairs each goal, then judges GBO on the mean across goals', () => {
        // g1 2 -> 7 and g2 4 -> 5: mean 3 -> 6, up 3
        const s = aReferral({
          scores: [
            goal('g1', 2, day(3)),
            goal('g2', 4, day(3)),
            goal('g1', 7, day(30)),
            goal('g2', 5, day(30)),
          ],
        });
        expect(pairedMeasures(s)).toEqual([
          { measure: 'GBO', rater: 'young_person', first: 3, last: 6, change: 'improved' },
        ]);
      });

      it('leaves ONS4 items unpaired, never combined into one score', () => {
        const ons4 = (at: string): OutcomeScoreEntry => ({
          measure: 'ONS4',
          rater: 'young_person',
          series: 'ONS4',
          score: { lifeSatisfaction: 4, worthwhile: 5, happiness: 4 },
          at,
        });
        expect(pairedMeasures(aReferral({ scores: [ons4(day(3)), ons4(day(30))] }))).toEqual([]);
      });
    });

    describe('a referral with only a first contact', () => {
      it('has no pairs', () => {
        const s = aReferral({
          secondContactAt: null,
          attendedSessions: [FIRST_CONTACT],
          scores: [score('ORS', 10, day(3)), score('ORS', 30, day(30))],
        });
        expect(pairedMeasures(s)).toEqual([]);
      });
    });
  });

  describe("a referral's overall change", () => {
    const paired = (measure: string, change: PairedMeasure['change']): PairedMeasure => ({
      measure,
      rater: 'young_person',
      first: 0,
      last: 0,
      change,
    });

    it.each<[string, PairedMeasure[], string | null]>([
      ['nothing paired', [], null],
      ['only a measure with no threshold', [paired('OTHER', null)], null],
      ['one improved, one unchanged', [paired('ORS', 'improved'), paired('GBO', 'no_change')], 'improved'],
      [
        'one improved, one deteriorated',
        [paired('ORS', 'improved'), paired('GBO', 'deteriorated')],
        'deteriorated',
      ],
      [
        'one deteriorated, one unchanged',
        [paired('ORS', 'no_change'), paired('GBO', 'deteriorated')],
        'deteriorated',
      ],
      ['all unchanged', [paired('ORS', 'no_change'), paired('GBO', 'no_change')], 'no_change'],
    ])('with %s is %p', (_, measures, change) => {
      expect(referralChange(measures)).toBe(change);
    });
  });

  describe('outcome rows', () => {
    it('counts paired referrals by measure and overall, per group, leaving out referrals with no pair', () => {
      const referrals = [
        // U11111: ORS up 10 (improved) plus GBO down 4 (deteriorated): deteriorated overall
        aReferral({
          pcnCode: 'U11111',
          scores: [
            score('ORS', 10, day(3)),
            score('ORS', 20, day(30)),
            goal('g1', 8, day(3)),
            goal('g1', 4, day(30)),
          ],
        }),
        // U11111: ORS up 7 (improved)
        withOrs(10, 17, { pcnCode: 'U11111' }),
        // no PCN: ORS up 2 (no change)
        withOrs(10, 12, { pcnCode: null }),
        // never seen twice: nothing paired
        aReferral({
          pcnCode: 'U22222',
          secondContactAt: null,
          scores: [score('ORS', 10, day(3)), score('ORS', 30, day(30))],
        }),
      ];
      const { measures, referrals: overall } = outcomeRows(referrals, 'pcn', SUPPRESSION.none);
      expect(measures).toEqual([
        {
          group: 'U11111',
          measure: 'GBO',
          rater: 'young_person',
          referralsPaired: 1,
          reliableImprovement: 0,
          noReliableChange: 0,
          reliableDeterioration: 1,
        },
        {
          group: 'U11111',
          measure: 'ORS',
          rater: 'young_person',
          referralsPaired: 2,
          reliableImprovement: 2,
          noReliableChange: 0,
          reliableDeterioration: 0,
        },
        {
          group: 'unknown',
          measure: 'ORS',
          rater: 'young_person',
          referralsPaired: 1,
          reliableImprovement: 0,
          noReliableChange: 1,
          reliableDeterioration: 0,
        },
      ]);
      expect(overall).toEqual([
        {
          group: 'U11111',
          measure: 'all',
          rater: 'all',
          referralsPaired: 2,
          reliableImprovement: 1,
          noReliableChange: 0,
          reliableDeterioration: 1,
        },
        {
          group: 'unknown',
          measure: 'all',
          rater: 'all',
          referralsPaired: 1,
          reliableImprovement: 0,
          noReliableChange: 1,
          reliableDeterioration: 0,
        },
      ]);
    });

    it('groups by age band', () => {
      const rows = outcomeRows(
        [withOrs(10, 20, { ageAtReferral: 9 }), withOrs(10, 20, { ageAtReferral: 17 })],
        'age_band',
        SUPPRESSION.none,
      );
      expect(rows.referrals.map((r) => [r.group, r.referralsPaired])).toEqual([
        ['16-19', 1],
        ['5-10', 1],
      ]);
    });

    it('under NHS secondary-care control, rounds to 5 and suppresses counts of 1 to 7', () => {
      // 12 paired: 9 improved (ORS up 10), 2 unchanged (up 1), 1 deteriorated (down 10)
      const referrals = [
        ...Array.from({ length: 9 }, () => withOrs(10, 20)),
        ...Array.from({ length: 2 }, () => withOrs(10, 11)),
        withOrs(20, 10),
      ];
      const { measures, referrals: overall } = outcomeRows(
        referrals,
        'none',
        SUPPRESSION['nhs-secondary-care'],
      );
      const published = {
        referralsPaired: 10,
        reliableImprovement: 10,
        noReliableChange: null,
        reliableDeterioration: null,
      };
      expect(measures).toEqual([{ group: 'all', measure: 'ORS', rater: 'young_person', ...published }]);
      expect(overall).toEqual([{ group: 'all', measure: 'all', rater: 'all', ...published }]);
    });

    it('under NHS secondary-care control, a zero count stays zero', () => {
      const { referrals } = outcomeRows(
        Array.from({ length: 8 }, () => withOrs(10, 20)),
        'none',
        SUPPRESSION['nhs-secondary-care'],
      );
      expect(referrals).toEqual([
        {
          group: 'all',
          measure: 'all',
          rater: 'all',
          referralsPaired: 10,
          reliableImprovement: 10,
          noReliableChange: 0,
          reliableDeterioration: 0,
        },
      ]);
    });
  });
});
