import type { ReferralSummary } from '../referral-summary/referral-summary';
import { SUPPRESSION } from './disclosure-control';
import { referralSpells, spellRows } from './spells.report';
import type { PersonReferral } from './spells.report';

function referral(
  person: string,
  id: string,
  receivedAt: string,
  more: Partial<ReferralSummary> = {},
): PersonReferral {
  return {
    person,
    summary: {
      referralId: id,
      status: 'active',
      linkWorkerId: 'lw-1',
      sealedIdentity: null,
      ageAtReferral: 12,
      sourceKind: 'gp',
      pcnCode: 'U12345',
      receivedAt,
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
    },
  };
}

const ended = (endedAt: string, more: Partial<ReferralSummary> = {}) =>
  ({ status: 'ended', endedAt, ...more }) as const;

// Hand-worked: four young people, as at 31 March 2026.
const REFERRALS = [
  // A: ended on 20 January at 16:00, re-referred on the 25th at 09:00, exactly 5 calendar days later: one spell.
  referral('A', 'a1', '2026-01-05T09:00:00.000Z', ended('2026-01-20T16:00:00.000Z')),
  referral('A', 'a2', '2026-01-25T09:00:00.000Z', { helpStartedAt: '2026-02-10T10:00:00.000Z' }),
  // B: declined on 20 January, re-referred 6 days later: two spells.
  referral('B', 'b1', '2026-01-05T09:00:00.000Z', {
    status: 'declined',
    declinedAt: '2026-01-20T12:00:00.000Z',
  }),
  referral(
    'B',
    'b2',
    '2026-01-26T09:00:00.000Z',
    ended('2026-03-01T10:00:00.000Z', { helpStartedAt: '2026-02-05T10:00:00.000Z' }),
  ),
  // C: two overlapping referrals, the later ending first; a third opens 4 days after the last ending (20 Feb).
  referral(
    'C',
    'c1',
    '2026-01-10T09:00:00.000Z',
    ended('2026-02-20T10:00:00.000Z', { helpStartedAt: '2026-01-30T10:00:00.000Z' }),
  ),
  referral('C', 'c2', '2026-01-15T09:00:00.000Z', ended('2026-01-30T10:00:00.000Z')),
  referral('C', 'c3', '2026-02-24T09:00:00.000Z'),
  // D: a spell started in December (not in the window) that a January referral joins; a merged duplicate.
  referral('D', 'd1', '2025-12-20T09:00:00.000Z', { helpStartedAt: '2026-01-02T10:00:00.000Z' }),
  referral('D', 'd2', '2026-01-12T09:00:00.000Z', { status: 'merged', mergedAt: '2026-01-13T09:00:00.000Z' }),
  referral('D', 'd3', '2026-01-14T09:00:00.000Z', { helpStartedAt: '2026-01-20T10:00:00.000Z' }),
];

const WINDOW = { from: '2026-01-01', to: '2026-02-28', asOf: '2026-03-31' };

describe('Referral spells', () => {
  it('joins referrals that overlap or open within 5 days of the last ending; 6 days starts a new spell', () => {
    const spells = referralSpells(REFERRALS, '2026-03-31').map((s) => ({
      ids: s.referrals.map((r) => r.referralId),
      start: s.start.slice(0, 10),
      end: s.end?.slice(0, 10) ?? null,
    }));
    expect(spells).toEqual([
      { ids: ['a1', 'a2'], start: '2026-01-05', end: null },
      { ids: ['b1'], start: '2026-01-05', end: '2026-01-20' },
      { ids: ['b2'], start: '2026-01-26', end: '2026-03-01' },
      { ids: ['c1', 'c2', 'c3'], start: '2026-01-10', end: null },
      { ids: ['d1', 'd3'], start: '2025-12-20', end: null },
    ]);
  });

  it('takes each spell as it stood at asOf: later closures leave it open, later referrals are not there yet', () => {
    const spells = referralSpells(REFERRALS, '2026-02-22');
    expect(spells.find((s) => s.referrals[0]!.referralId === 'b2')!.end).toBeNull();
    expect(spells.find((s) => s.person === 'C')).toMatchObject({ end: '2026-02-20T10:00:00.000Z' });
    expect(spells.find((s) => s.person === 'C')!.referrals).toHaveLength(2);
  });

  it("gives spells, their waits and the referrals' own waits: overall, by month and by referrals per spell", () => {
    const report = spellRows(REFERRALS, 'help_started', WINDOW, SUPPRESSION.none);
    // Spells started in the window: A (36 days to help), B1 (closed, no help), B2 (10 days), C (20 days).
    // Referrals received in it: a1, a2 (16), b1, b2 (10), c1 (20), c2, c3 (still waiting), d3 (6).
    expect(report.overall).toEqual({
      group: 'all',
      spells: 4,
      closed: 2,
      open: 2,
      spellReferrals: 7,
      referralsPerSpell: 1.75,
      spellWaits: 3,
      spellMedianDays: 20,
      spellP92Days: 36,
      referrals: 8,
      referralWaits: 4,
      referralMedianDays: 13,
      referralP92Days: 20,
      suppressed: false,
    });
    expect(report.byMonth.map((r) => [r.group, r.spells, r.referrals, r.referralWaits])).toEqual([
      ['2026-01', 4, 7, 4],
      ['2026-02', 0, 1, 0],
    ]);
    expect(
      report.byReferralCount.map((r) => [
        r.group,
        r.spells,
        r.open,
        r.spellReferrals,
        r.spellMedianDays,
        r.referrals,
        r.referralMedianDays,
      ]),
    ).toEqual([
      ['1', 2, 0, 2, 10, 2, 10],
      ['2', 1, 1, 2, 36, 3, 11],
      ['3+', 1, 1, 3, 20, 3, 20],
    ]);
  });

  it('measures spells by another clock too', () => {
    const firstContact = [
      referral('E', 'e1', '2026-01-05T09:00:00.000Z', ended('2026-01-08T09:00:00.000Z')),
      referral('E', 'e2', '2026-01-09T09:00:00.000Z', { firstContactAt: '2026-01-19T09:00:00.000Z' }),
    ];
    const row = spellRows(firstContact, 'first_contact', WINDOW, SUPPRESSION.none).overall;
    expect([row.spells, row.spellMedianDays, row.referralMedianDays]).toEqual([1, 14, 10]);
  });

  describe('under the NHS secondary care policy', () => {
    const ten = Array.from({ length: 10 }, (_, i) =>
      referral(`P${i}`, `p${i}`, '2026-01-05T09:00:00.000Z', {
        helpStartedAt: `2026-01-${String(8 + i).padStart(2, '0')}T09:00:00.000Z`,
      }),
    );

    it('rounds counts, gives the median of 8 or more and withholds p92 under 25; empty groups stay zero', () => {
      const report = spellRows(ten, 'help_started', WINDOW, SUPPRESSION['nhs-secondary-care']);
      expect(report.overall).toMatchObject({
        spells: 10,
        closed: 0,
        open: 10,
        spellReferrals: 10,
        referralsPerSpell: 1,
        spellWaits: 10,
        spellMedianDays: 7.5,
        spellP92Days: null,
        referrals: 10,
        referralMedianDays: 7.5,
        suppressed: false,
      });
      expect(report.byReferralCount[1]).toMatchObject({
        group: '2',
        spells: 0,
        referralsPerSpell: null,
        spellMedianDays: null,
        suppressed: false,
      });
    });

    it('suppresses small groups, never showing them as zero', () => {
      const report = spellRows(REFERRALS, 'help_started', WINDOW, SUPPRESSION['nhs-secondary-care']);
      expect(report.overall).toMatchObject({
        spells: null,
        closed: null,
        open: null,
        referralsPerSpell: null,
        spellMedianDays: null,
        referrals: 10,
        referralMedianDays: null,
        suppressed: true,
      });
    });
  });
});
