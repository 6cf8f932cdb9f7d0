import type { ReferralSummary } from '../referral-summary/referral-summary';
import {
  accessBandOf,
  accessContactsOf,
  accessRows,
  accessRowsOf,
  ageAtContact,
  rollingYearFrom,
} from './access.report';
import type { AccessReferral } from './access.report';
import { SUPPRESSION } from './disclosure-control';

let next = 0;
function referral(
  person: string,
  dateOfBirth: string | null,
  contacts: string[],
  more: Partial<ReferralSummary> = {},
): AccessReferral {
  next += 1;
  return {
    person,
    dateOfBirth,
    summary: {
      referralId: `r-${next}`,
      status: 'active',
      linkWorkerId: 'lw-1',
      sealedIdentity: null,
      ageAtReferral: 12,
      sourceKind: 'gp',
      pcnCode: 'U1',
      receivedAt: '2025-01-02T09:00:00.000Z',
      acceptedAt: null,
      declinedAt: null,
      endedAt: null,
      endReason: null,
      goalsSetAt: null,
      attendedSessions: contacts.map((c) => (c.length === 10 ? `${c}T10:00:00.000Z` : c)),
      lastSessionAt: null,
      firstContactAt: null,
      secondContactAt: null,
      helpStartedAt: null,
      scores: [],
      ...more,
    },
  };
}

// Hand-worked over the first quarter of 2026; the last 12 months are 1 April 2025 to 31 March 2026.
const PEOPLE = [
  // Two contacts 9 months apart, aged 12 at the first: counted in both measures (11-15).
  referral('P1', '2012-06-01', ['2025-05-10', '2026-02-01']),
  // 18 on 10 March 2026, between the two contacts: the first was before, so both measures (16-17).
  referral('P2', '2008-03-10', ['2026-03-09', '2026-03-11']),
  // 18 already at both contacts: neither.
  referral('P3', '2008-01-15', ['2026-01-20', '2026-02-20']),
  // A contact on the 18th birthday is at 18: not counted; the day before, it is (P5, 16-17, in U2).
  referral('P4', '2008-02-20', ['2026-02-20']),
  referral('P5', '2008-02-20', ['2026-02-19'], { pcnCode: 'U2' }),
  // At the window's edges: an hour before it starts, and half an hour into its first day (5-10, U2).
  referral('P6', '2015-01-01', ['2025-03-31T23:00:00.000Z', '2025-04-01T00:30:00.000Z'], { pcnCode: 'U2' }),
  // One young person, two referrals (PCNs U1 then U2), the same session recorded on both: two contacts.
  referral('P7', '2014-01-01', ['2026-01-05']),
  referral('P7', '2014-01-01', ['2026-01-05', '2026-01-06'], { pcnCode: 'U2' }),
  // Erased: the age at referral (17 on 1 September 2025) plus whole years since; no PCN recorded.
  referral('P8', null, ['2026-03-01'], {
    ageAtReferral: 17,
    receivedAt: '2025-09-01T09:00:00.000Z',
    pcnCode: null,
  }),
  // Neither a date of birth nor an age at referral: the age is unknown and the young person not counted.
  referral('P9', null, ['2026-03-02'], { ageAtReferral: -1 }),
];

describe('Access (MHS95 and MHS69 style)', () => {
  const report = accessRows(PEOPLE, '2026-01-01', '2026-03-31', SUPPRESSION.none);
  const figures = (
    rows: { group: string; atLeastOneContact: number | null; atLeastTwoContacts: number | null }[],
  ) => rows.map((r) => [r.group, r.atLeastOneContact, r.atLeastTwoContacts]);

  it('counts young people under 18 with one contact, and with two the first under 18, in the last 12 months', () => {
    expect(report.overall).toEqual({
      group: 'all',
      windowFrom: '2025-04-01',
      windowTo: '2026-03-31',
      atLeastOneContact: 6,
      atLeastTwoContacts: 3,
      suppressed: false,
    });
  });

  it('gives each month the 12 months ending on its last day', () => {
    expect(report.byMonth.map((r) => [r.group, r.windowFrom, r.windowTo])).toEqual([
      ['2026-01', '2025-02-01', '2026-01-31'],
      ['2026-02', '2025-03-01', '2026-02-28'],
      ['2026-03', '2025-04-01', '2026-03-31'],
    ]);
    // January: P1 (one), P6 and P7 (two); February: P1 has both contacts, P5 one; March: as overall.
    expect(figures(report.byMonth)).toEqual([
      ['2026-01', 3, 2],
      ['2026-02', 4, 3],
      ['2026-03', 6, 3],
    ]);
  });

  it('groups by the PCN and age band of the contact that counts', () => {
    expect(figures(report.byPcn)).toEqual([
      ['U1', 3, 3],
      ['U2', 2, 0],
      ['unknown', 1, 0],
    ]);
    expect(figures(report.byAgeBand)).toEqual([
      ['5-10', 1, 0],
      ['11-15', 2, 2],
      ['16-17', 3, 1],
    ]);
  });

  it('ends the last month on `to`, and takes the 12 months to the day', () => {
    const mid = accessRows(PEOPLE, '2026-02-10', '2026-03-15', SUPPRESSION.none);
    expect(mid.byMonth.map((r) => [r.group, r.windowFrom, r.windowTo])).toEqual([
      ['2026-02', '2025-03-01', '2026-02-28'],
      ['2026-03', '2025-03-16', '2026-03-15'],
    ]);
    expect(rollingYearFrom('2024-02-29')).toBe('2023-03-01');
    expect(rollingYearFrom('2026-12-31')).toBe('2026-01-01');
  });

  it('estimates the age of an erased referral from the age at referral, never above the real age', () => {
    const erased = referral('X', null, [], { ageAtReferral: 17, receivedAt: '2025-01-10T09:00:00.000Z' });
    expect(ageAtContact(erased, '2026-01-09T10:00:00.000Z')).toBe(17);
    expect(ageAtContact(erased, '2026-01-10T10:00:00.000Z')).toBe(18);
  });

  it('suppresses small counts for commissioners, keeping zero as zero', () => {
    const nhs = accessRows(PEOPLE, '2026-01-01', '2026-03-31', SUPPRESSION['nhs-secondary-care']);
    expect(nhs.overall).toMatchObject({
      atLeastOneContact: null,
      atLeastTwoContacts: null,
      suppressed: true,
    });
    expect(figures(nhs.byPcn)).toContainEqual(['U2', null, 0]);
    const under5 = accessRows(PEOPLE, '2026-01-01', '2026-03-31', SUPPRESSION['under-5']);
    expect(under5.overall).toMatchObject({
      atLeastOneContact: 6,
      atLeastTwoContacts: null,
      suppressed: false,
    });
  });

  it('counts the same from contacts as from referrals, the lowest rank keeping a time recorded twice', () => {
    const contacts = accessContactsOf(PEOPLE);
    expect(accessRowsOf(contacts, '2026-01-01', '2026-03-31', SUPPRESSION.none)).toEqual(report);
    // P7's session of 5 January is on both referrals: the first (U1) is kept, whatever order rows come in.
    const reversed = accessRowsOf([...contacts].reverse(), '2026-01-01', '2026-03-31', SUPPRESSION.none);
    expect(reversed).toEqual(report);
    const u2First = contacts.map((c) => (c.person === 'P7' && c.pcn === 'U2' ? { ...c, rank: '' } : c));
    expect(figures(accessRowsOf(u2First, '2026-01-01', '2026-03-31', SUPPRESSION.none).byPcn)).toEqual([
      ['U1', 2, 2],
      ['U2', 3, 1],
      ['unknown', 1, 0],
    ]);
  });

  it('bands ages at a contact, 18 and over and unknown never counted', () => {
    expect([4, 5, 10, 11, 15, 16, 17, 18, null].map(accessBandOf)).toEqual([
      '0-4',
      '5-10',
      '5-10',
      '11-15',
      '11-15',
      '16-17',
      '16-17',
      '18+',
      'unknown',
    ]);
  });
});
