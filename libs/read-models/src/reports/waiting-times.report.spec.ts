import type { ReferralSummary } from '../referral-summary/referral-summary';
import type { SuppressionPolicyName } from './disclosure-control';
import { SUPPRESSION } from './disclosure-control';
import type { GroupBy, WaitMeasure, WaitingTimeRow } from './waiting-times.report';
import { waitingTimeRows } from './waiting-times.report';

const RECEIVED = '2026-03-02T10:00:00.000Z';
const AS_OF = '2026-04-30';
const DAY_MS = 86_400_000;
const afterDays = (n: number, from = RECEIVED): string =>
  new Date(Date.parse(from) + n * DAY_MS).toISOString();
const on = (date: string, time = '10:00'): string => `${date}T${time}:00.000Z`;

let seq = 0;
/** A referral received on 2 March 2026 with every clock still running; override what the test is about. */
function aReferral(o: Partial<ReferralSummary> = {}): ReferralSummary {
  seq += 1;
  return {
    referralId: `referral-${seq}`,
    status: 'accepted',
    linkWorkerId: 'lw-1',
    sealedIdentity: null,
    ageAtReferral: 13,
    sourceKind: 'gp',
    pcnCode: 'U12345',
    receivedAt: RECEIVED,
    acceptedAt: null,
    declinedAt: null,
    endedAt: null,
    endReason: null,
    goalsSetAt: null,
    attendedSessions: [],
    lastSessionAt: null,
    firstContactAt: null,
    secondContactAt: null,
    helpStartedAt: null,
    scores: [],
    ...o,
  };
}
/** Accepted `days` after it was received. */
const acceptedAfter = (days: number, o: Partial<ReferralSummary> = {}): ReferralSummary =>
  aReferral({ acceptedAt: afterDays(days, o.receivedAt ?? RECEIVED), ...o });
/** Received on `date` and not yet accepted. */
const receivedOn = (date: string, o: Partial<ReferralSummary> = {}): ReferralSummary =>
  aReferral({ receivedAt: on(date), ...o });

function report(
  referrals: ReferralSummary[],
  opts: { measure?: WaitMeasure; groupBy?: GroupBy; asOf?: string; policy?: SuppressionPolicyName } = {},
): WaitingTimeRow[] {
  const { measure = 'acceptance', groupBy = 'none', asOf = AS_OF, policy = 'none' } = opts;
  return waitingTimeRows(referrals, measure, groupBy, asOf, SUPPRESSION[policy]);
}
function onlyRow(rows: WaitingTimeRow[]): WaitingTimeRow {
  expect(rows).toHaveLength(1);
  return rows[0]!;
}
const groups = (rows: WaitingTimeRow[]) =>
  rows.map((r) => [r.group, r.referrals, r.completed.count, r.waiting.count]);

describe('waiting-times report', () => {
  describe('a referral with every clock stopped', () => {
    // received 2 March; accepted 3 March, first contact 5 March, second contact 12 March,
    // goals set 13 March and the next attended session (help starts) 16 March
    const stopped = aReferral({
      acceptedAt: afterDays(1),
      firstContactAt: afterDays(3),
      secondContactAt: afterDays(10),
      goalsSetAt: afterDays(11),
      helpStartedAt: afterDays(14),
    });

    it.each<[WaitMeasure, number]>([
      ['acceptance', 1],
      ['first_contact', 3],
      ['second_contact', 10],
      ['help_started', 14],
    ])('measures %s as a completed wait of %d days', (measure, days) => {
      expect(onlyRow(report([stopped], { measure }))).toEqual({
        group: 'all',
        referrals: 1,
        suppressed: false,
        completed: { count: 1, medianDays: days, p92Days: days, within28DaysPct: 100, suppressed: false },
        waiting: { count: 0, medianDays: null, p92Days: null, over28DaysCount: 0, suppressed: false },
      });
    });
  });

  describe('a referral accepted but not yet seen', () => {
    const accepted = acceptedAfter(1);

    it('is completed for acceptance and still waiting for first contact, second contact and help', () => {
      expect(onlyRow(report([accepted], { measure: 'acceptance' })).completed.count).toBe(1);
      for (const measure of ['first_contact', 'second_contact', 'help_started'] as const) {
        // 2 March to 30 April: 29 days of March and 30 of April
        expect(onlyRow(report([accepted], { measure })).waiting).toMatchObject({
          count: 1,
          medianDays: 59,
          over28DaysCount: 1,
        });
      }
    });
  });

  describe('as of a date', () => {
    it('a wait stopped after the date is still waiting, measured to the date', () => {
      const row = onlyRow(report([acceptedAfter(69)], { asOf: '2026-03-20' }));
      expect(row.completed.count).toBe(0);
      // 2 March to 20 March
      expect(row.waiting).toMatchObject({ count: 1, medianDays: 18, p92Days: 18, over28DaysCount: 0 });
    });

    it('a wait stopped late on the date itself is completed', () => {
      const row = onlyRow(
        report([aReferral({ acceptedAt: on('2026-03-20', '23:59') })], { asOf: '2026-03-20' }),
      );
      expect(row.completed).toMatchObject({ count: 1, medianDays: 18 });
      expect(row.waiting.count).toBe(0);
    });

    it('a referral received after the date is in no group and no count', () => {
      const rows = report([acceptedAfter(1), receivedOn('2026-05-01', { pcnCode: 'U99999' })], {
        groupBy: 'pcn',
      });
      expect(groups(rows)).toEqual([['U12345', 1, 1, 0]]);
    });

    it('a referral received late on the date counts, waiting 0 days', () => {
      const row = onlyRow(report([aReferral({ receivedAt: on(AS_OF, '23:30') })]));
      expect(row).toMatchObject({ referrals: 1, waiting: { count: 1, medianDays: 0 } });
    });

    it('a declined referral is received but neither completed nor waiting', () => {
      const row = onlyRow(report([aReferral({ status: 'declined', declinedAt: afterDays(2) })]));
      expect(row).toMatchObject({ referrals: 1, completed: { count: 0 }, waiting: { count: 0 } });
    });

    it('a referral ended before its clock stopped is neither completed nor waiting', () => {
      const endedUnseen = acceptedAfter(1, {
        status: 'ended',
        endedAt: afterDays(20),
        endReason: 'disengaged',
      });
      const row = onlyRow(report([endedUnseen], { measure: 'first_contact' }));
      expect(row).toMatchObject({ referrals: 1, completed: { count: 0 }, waiting: { count: 0 } });
    });

    it('an ended referral whose clock stopped first is still a completed wait', () => {
      const ended = acceptedAfter(4, { status: 'ended', endedAt: afterDays(20) });
      expect(onlyRow(report([ended])).completed).toMatchObject({ count: 1, medianDays: 4 });
    });

    it('a referral declined or ended after the date was still waiting on it', () => {
      const declinedLater = aReferral({ status: 'declined', declinedAt: on('2026-05-02') });
      const endedLater = acceptedAfter(1, { status: 'ended', endedAt: on('2026-05-03') });
      expect(onlyRow(report([declinedLater])).waiting).toMatchObject({ count: 1, medianDays: 59 });
      expect(onlyRow(report([endedLater], { measure: 'help_started' })).waiting).toMatchObject({
        count: 1,
        medianDays: 59,
      });
    });
  });

  describe('days are whole calendar days in UTC', () => {
    it('received 23:30 and accepted 00:10 the next morning is a 1-day wait', () => {
      const late = aReferral({
        receivedAt: on('2026-03-01', '23:30'),
        acceptedAt: on('2026-03-02', '00:10'),
      });
      expect(onlyRow(report([late])).completed.medianDays).toBe(1);
    });

    it('received 00:10 and accepted 23:50 the same day is a 0-day wait', () => {
      const sameDay = aReferral({
        receivedAt: on('2026-03-01', '00:10'),
        acceptedAt: on('2026-03-01', '23:50'),
      });
      expect(onlyRow(report([sameDay])).completed.medianDays).toBe(0);
    });

    it('received 23:30 and still waiting at the end of the next day has waited 1 day', () => {
      const row = onlyRow(
        report([aReferral({ receivedAt: on('2026-03-01', '23:30') })], { asOf: '2026-03-02' }),
      );
      expect(row.waiting.medianDays).toBe(1);
    });
  });

  describe('statistics of a group, unsuppressed', () => {
    // Completed waits (days): 0 1 2 3 5 8 13 21 28 29 35 40 55 (13 of them, the last stopped 26 April)
    //   median = 7th = 13; p92 rank = ceil(0.92 * 13) = ceil(11.96) = 12th = 40
    //   within 28 days (28 counts as within): 0..28 = 9 of 13 = 69.2%
    // Still waiting at 30 April (days): 10 20 29 45 (received 20 April, 10 April, 1 April, 16 March)
    //   median = (20 + 29) / 2 = 24.5; p92 rank = ceil(3.68) = 4th = 45; over 28 days: 29 and 45 = 2
    const dataset = [
      ...[0, 1, 2, 3, 5, 8, 13, 21, 28, 29, 35, 40, 55].map((d) => acceptedAfter(d)),
      ...['2026-04-20', '2026-04-10', '2026-04-01', '2026-03-16'].map((date) => receivedOn(date)),
    ];

    it('gives median, 92nd percentile, share within 28 days and count over 28 days', () => {
      expect(onlyRow(report(dataset))).toEqual({
        group: 'all',
        referrals: 17,
        suppressed: false,
        completed: { count: 13, medianDays: 13, p92Days: 40, within28DaysPct: 69.2, suppressed: false },
        waiting: { count: 4, medianDays: 24.5, p92Days: 45, over28DaysCount: 2, suppressed: false },
      });
    });
  });

  describe('grouped', () => {
    it('by PCN, with no PCN as unknown', () => {
      const rows = report(
        [
          acceptedAfter(2, { pcnCode: 'U22222' }),
          acceptedAfter(4, { pcnCode: 'U22222' }),
          receivedOn('2026-04-29', { pcnCode: 'U22222' }),
          acceptedAfter(6, { pcnCode: 'U11111' }),
          acceptedAfter(10, { pcnCode: null }),
          receivedOn('2026-04-20', { pcnCode: null }),
        ],
        { groupBy: 'pcn' },
      );
      expect(
        rows.map((r) => [
          r.group,
          r.referrals,
          r.completed.count,
          r.completed.medianDays,
          r.waiting.count,
          r.waiting.medianDays,
        ]),
      ).toEqual([
        ['U11111', 1, 1, 6, 0, null],
        // completed 2 and 4: median 3; waiting since 29 April: 1 day
        ['U22222', 3, 2, 3, 1, 1],
        ['unknown', 2, 1, 10, 1, 10],
      ]);
    });

    it('by referral source', () => {
      const rows = report(
        [
          acceptedAfter(1, { sourceKind: 'school' }),
          acceptedAfter(3, { sourceKind: 'school' }),
          acceptedAfter(7, { sourceKind: 'gp' }),
          receivedOn('2026-04-25', { sourceKind: 'self' }),
        ],
        { groupBy: 'source' },
      );
      expect(rows.map((r) => [r.group, r.completed.count, r.completed.medianDays, r.waiting.count])).toEqual([
        ['gp', 1, 7, 0],
        ['school', 2, 2, 0],
        ['self', 0, null, 1],
      ]);
    });

    it("by age band at referral, with the bands' edges in the right band", () => {
      const rows = report(
        [5, 10, 11, 15, 15, 16, 19].map((age) => acceptedAfter(age, { ageAtReferral: age })),
        { groupBy: 'age_band' },
      );
      expect(rows.map((r) => [r.group, r.referrals, r.completed.medianDays])).toEqual([
        // 11 and 15, 15: median 15; 16 and 19: 17.5; 5 and 10: 7.5
        ['11-15', 3, 15],
        ['16-19', 2, 17.5],
        ['5-10', 2, 7.5],
      ]);
    });

    it('by the UTC month the referral was received', () => {
      const rows = report(
        [
          aReferral({ receivedAt: on('2026-01-31', '23:30'), acceptedAt: on('2026-02-02') }),
          aReferral({ receivedAt: on('2026-02-01', '00:10'), acceptedAt: on('2026-02-05') }),
          aReferral({ receivedAt: on('2026-02-28'), acceptedAt: on('2026-03-01') }),
        ],
        { groupBy: 'month' },
      );
      expect(rows.map((r) => [r.group, r.referrals, r.completed.medianDays])).toEqual([
        ['2026-01', 1, 2],
        // 4 days and 1 day: median 2.5
        ['2026-02', 2, 2.5],
      ]);
    });

    it('not at all, as one group', () => {
      const rows = report([
        acceptedAfter(1, { pcnCode: 'U1' }),
        acceptedAfter(2, { pcnCode: null, sourceKind: 'self' }),
      ]);
      expect(groups(rows)).toEqual([['all', 2, 2, 0]]);
    });

    it('no referrals gives no rows', () => {
      expect(report([], { groupBy: 'pcn' })).toEqual([]);
    });
  });

  describe('under NHS secondary-care disclosure control', () => {
    // PCN U11111: 12 completed waits 1..9 (within 28 days) and 30 40 50
    //   median = (6th + 7th) / 2 = 6.5 (12 >= 8); the nearest-rank p92 of 12 is the maximum (50): withheld
    //   12 completed -> 10, but the share is 9 of 12 = 75%, from the exact counts (rounded ones say 10 of 10)
    // PCN U22222: 5 completed waits, 3 still waiting: both suppressed
    const dataset = [
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 30, 40, 50].map((d) => acceptedAfter(d, { pcnCode: 'U11111' })),
      ...[2, 4, 6, 8, 10].map((d) => acceptedAfter(d, { pcnCode: 'U22222' })),
      ...['2026-04-01', '2026-04-10', '2026-04-20'].map((date) => receivedOn(date, { pcnCode: 'U22222' })),
    ];
    const rows = () => report(dataset, { groupBy: 'pcn', policy: 'nhs-secondary-care' });

    it('a group of 12 completed shows 10, its median but not its p92 (the maximum), and a share from the exact counts', () => {
      expect(rows()[0]).toEqual({
        group: 'U11111',
        referrals: 10,
        suppressed: false,
        completed: { count: 10, medianDays: 6.5, p92Days: null, within28DaysPct: 75, suppressed: false },
        waiting: { count: 0, medianDays: null, p92Days: null, over28DaysCount: 0, suppressed: false },
      });
    });

    it('a group of 5 completed and 3 waiting shows neither count nor statistics', () => {
      expect(rows()[1]).toEqual({
        // 8 referrals round to 10
        group: 'U22222',
        referrals: 10,
        suppressed: false,
        completed: { count: null, medianDays: null, p92Days: null, within28DaysPct: null, suppressed: true },
        waiting: { count: null, medianDays: null, p92Days: null, over28DaysCount: null, suppressed: true },
      });
    });

    it('a group of 5 referrals in all is suppressed as a whole', () => {
      const row = onlyRow(
        report(
          [1, 2, 3, 4, 5].map((d) => acceptedAfter(d)),
          { policy: 'nhs-secondary-care' },
        ),
      );
      expect(row).toMatchObject({
        referrals: null,
        suppressed: true,
        completed: { count: null, medianDays: null, suppressed: true },
      });
    });

    it('suppresses the share within 28 days when the number within is 1 to 7', () => {
      // 12 completed, 5 within 28 days: the 5 is suppressed, so its percentage is too
      const waits = [1, 2, 3, 4, 5, 30, 31, 32, 33, 34, 35, 36].map((d) => acceptedAfter(d));
      expect(onlyRow(report(waits, { policy: 'nhs-secondary-care' })).completed).toEqual({
        count: 10,
        medianDays: 30.5,
        p92Days: null,
        within28DaysPct: null,
        suppressed: false,
      });
    });

    it('rounds the still-waiting count and the count over 28 days to the nearest 5', () => {
      // 13 waiting since 2 March (59 days at 30 April): 13 -> 15, all 13 over 28 days -> 15
      const waiting = Array.from({ length: 13 }, () => aReferral());
      expect(onlyRow(report(waiting, { policy: 'nhs-secondary-care' })).waiting).toEqual({
        count: 15,
        medianDays: 59,
        p92Days: null,
        over28DaysCount: 15,
        suppressed: false,
      });
    });
  });

  describe('under the under-5 policy', () => {
    it('shows a group of 6 unrounded with its statistics and suppresses a group of 4', () => {
      const rows = report(
        [
          ...[1, 2, 3, 4, 5, 40].map((d) => acceptedAfter(d, { sourceKind: 'gp' })),
          ...[1, 2, 3, 4].map((d) => acceptedAfter(d, { sourceKind: 'school' })),
        ],
        { groupBy: 'source', policy: 'under-5' },
      );
      // gp: 1 2 3 4 5 40: too few for a median (8) or a p92 (25) that is not one child's wait; 5 of 6 within = 83.3%
      expect(rows[0]!.completed).toEqual({
        count: 6,
        medianDays: null,
        p92Days: null,
        within28DaysPct: 83.3,
        suppressed: false,
      });
      expect(rows[1]!.completed).toEqual({
        count: null,
        medianDays: null,
        p92Days: null,
        within28DaysPct: null,
        suppressed: true,
      });
    });

    it('gives no share within 28 days when the number within is under 5', () => {
      // 6 completed, 4 within 28 days: the 4 is suppressed, so its percentage is too
      const waits = [1, 2, 3, 4, 30, 31].map((d) => acceptedAfter(d));
      expect(onlyRow(report(waits, { policy: 'under-5' })).completed).toMatchObject({
        count: 6,
        within28DaysPct: null,
      });
    });
  });
});
