import type { ReferralSummary } from '../referral-summary/referral-summary';
import { SUPPRESSION } from './disclosure-control';
import { equityRows, sourceGroup } from './equity.report';
import type { EquityRow } from './equity.report';

let next = 0;
function referral(
  sourceKind: string,
  ageAtReferral: number,
  receivedOn: string,
  more: Partial<ReferralSummary> = {},
): ReferralSummary {
  next += 1;
  return {
    referralId: `r-${next}`,
    status: 'active',
    linkWorkerId: 'lw-1',
    sealedIdentity: null,
    ageAtReferral,
    sourceKind,
    pcnCode: 'U12345',
    receivedAt: `${receivedOn}T09:00:00.000Z`,
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
    ...more,
  };
}

const help = (on: string) => ({ helpStartedAt: `${on}T10:00:00.000Z` });
const declined = (on: string) => ({ status: 'declined' as const, declinedAt: `${on}T10:00:00.000Z` });

// Hand-worked: referrals received in March 2026, as they stood at the end of 15 April.
const REFERRALS = [
  referral('gp', 8, '2026-03-02', { genderGroup: 'female', ethnicGroup: 'white', ...help('2026-03-12') }), // met (10 days)
  referral('school', 12, '2026-03-02', { genderGroup: 'male', ethnicGroup: 'asian', ...help('2026-03-30') }), // met (28)
  referral('parent_carer', 15, '2026-03-02', { genderGroup: 'female', ...help('2026-03-31') }), // not met (29)
  referral('self', 16, '2026-03-01', { genderGroup: 'other', ethnicGroup: 'black' }), // not met: 45 days waiting
  referral('camhs', 17, '2026-03-03', { ethnicGroup: 'mixed', ...declined('2026-03-05') }), // declined: not judged
  referral('mhst', 11, '2026-03-04', {
    genderGroup: 'male',
    ethnicGroup: 'white',
    status: 'withdrawn',
    withdrawnAt: '2026-03-06T10:00:00.000Z',
  }),
  referral('youth_worker', 13, '2026-03-05', {
    genderGroup: 'female',
    ethnicGroup: 'unclassified',
    status: 'ended',
    endedAt: '2026-03-20T10:00:00.000Z',
  }),
  referral('emergency_department', 19, '2026-03-06', {
    genderGroup: 'male',
    ethnicGroup: 'other',
    ...help('2026-03-11'),
  }), // met
  referral('gp', 10, '2026-03-30', { genderGroup: 'female', ethnicGroup: 'white' }), // 16 days waiting: not yet judged
  referral('gp', 9, '2026-03-07', { status: 'merged', mergedAt: '2026-03-08T10:00:00.000Z' }), // a duplicate: left out
  referral('school', 12, '2026-04-02'), // after the window
  referral('gp', -1, '2026-03-10', { genderGroup: 'unknown', ...declined('2026-03-11') }), // age not recorded
];
const WINDOW = { from: '2026-03-01', to: '2026-03-31', asOf: '2026-04-15' };

const figures = (r: EquityRow) => [
  r.group,
  r.referrals,
  r.sharePct,
  r.declined,
  r.declinedPct,
  r.fourWeekPathways,
  r.fourWeekMet,
  r.fourWeekMetPct,
];

describe('Equity report', () => {
  const report = equityRows(REFERRALS, WINDOW, SUPPRESSION.none);

  it('maps the service source kinds into the reporting groups', () => {
    expect(
      ['gp', 'school', 'parent_carer', 'self', 'camhs', 'mhst', 'youth_worker', 'social_care'].map(
        sourceGroup,
      ),
    ).toEqual(['gp', 'school', 'parent_carer', 'self', 'camhs', 'camhs', 'other', 'other']);
  });

  it('counts referrals, declines and the 4-week standard overall and under 16', () => {
    expect(report.overall).toEqual({
      group: 'all',
      referrals: 10,
      sharePct: 100,
      declined: 2,
      declinedPct: 20,
      fourWeekPathways: 5,
      fourWeekMet: 3,
      fourWeekMetPct: 60,
      suppressed: false,
    });
    expect(figures(report.under16)).toEqual(['under_16', 6, 60, 0, 0, 3, 2, 66.7]);
  });

  it('has a row for every group of each breakdown, in a fixed order', () => {
    expect(report.bySource.map(figures)).toEqual([
      ['gp', 3, 30, 1, 33.3, 1, 1, 100],
      ['school', 1, 10, 0, 0, 1, 1, 100],
      ['parent_carer', 1, 10, 0, 0, 1, 0, 0],
      ['self', 1, 10, 0, 0, 1, 0, 0],
      ['camhs', 2, 20, 1, 50, 0, 0, null],
      ['other', 2, 20, 0, 0, 1, 1, 100],
    ]);
    expect(report.byAgeBand.map((r) => [r.group, r.referrals])).toEqual([
      ['5-10', 2],
      ['11-15', 4],
      ['16-19', 3],
      ['other', 1],
    ]);
    expect(report.byGender.map((r) => [r.group, r.referrals, r.declined])).toEqual([
      ['female', 4, 0],
      ['male', 3, 0],
      ['other', 1, 0],
      ['unknown', 1, 1],
      ['not_recorded', 1, 1],
    ]);
    expect(report.byEthnicity.map((r) => [r.group, r.referrals, r.fourWeekMetPct])).toEqual([
      ['white', 3, 100],
      ['mixed', 1, null],
      ['asian', 1, 100],
      ['black', 1, 0],
      ['other', 1, 100],
      ['not_stated', 0, null],
      ['unclassified', 1, null],
      ['not_recorded', 2, 0],
    ]);
  });

  it('under the NHS secondary care policy rounds counts, takes rates from exact counts and withholds those of suppressed counts', () => {
    const many = [
      ...Array.from({ length: 12 }, () => referral('gp', 12, '2026-03-02', help('2026-03-20'))),
      ...Array.from({ length: 5 }, () => referral('gp', 12, '2026-03-02', help('2026-04-10'))),
      ...Array.from({ length: 3 }, () => referral('gp', 12, '2026-03-02', declined('2026-03-03'))),
    ];
    const nhs = equityRows(many, WINDOW, SUPPRESSION['nhs-secondary-care']);
    expect(figures(nhs.overall)).toEqual(['all', 20, 100, null, null, 15, 10, 70.6]);
    expect(figures(nhs.bySource[1]!)).toEqual(['school', 0, 0, 0, null, 0, 0, null]);
    expect(nhs.byGender.at(-1)).toMatchObject({ group: 'not_recorded', referrals: 20, sharePct: 100 });
    const small = equityRows(REFERRALS, WINDOW, SUPPRESSION['nhs-secondary-care']);
    expect(figures(small.bySource[0]!)).toEqual(['gp', null, null, null, null, null, null, null]);
    expect(small.bySource[0]!.suppressed).toBe(true);
  });
});
