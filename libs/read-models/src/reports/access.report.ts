import { ageInYears } from '@app/referral-domain';
import type { ReferralSummary } from '../referral-summary/referral-summary';
import type { SuppressionPolicy } from './disclosure-control';
import { endOf, lastDayOf, monthsBetween, startOf } from './disclosed-figures';

/** The age from which a young person no longer counts in the CYP access measures. */
export const ACCESS_AGE_LIMIT = 18;

/**
 * A referral, the (opaque) key of the young person it is of, and their date of birth opened in memory
 * for the count only (never stored or returned); null when erased or unreadable.
 */
export type AccessReferral = { summary: ReferralSummary; person: string; dateOfBirth: string | null };

/** Young people counted in one rolling 12-month window, per group; null is a suppressed count. */
export type AccessRow = {
  group: string;
  /** The rolling 12 months: UTC dates, inclusive. */
  windowFrom: string;
  windowTo: string;
  /** MHS95-style: young people with an attended contact while under 18 in the window. */
  atLeastOneContact: number | null;
  /** MHS69-style: young people with two or more attended contacts in the window, the first while under 18. */
  atLeastTwoContacts: number | null;
  suppressed: boolean;
};

export type AccessRows = {
  overall: AccessRow;
  byMonth: AccessRow[];
  byPcn: AccessRow[];
  byAgeBand: AccessRow[];
};

/** Age bands of the young people counted (all under 18). */
export const ACCESS_AGE_BANDS = ['5-10', '11-15', '16-17'] as const;

const accessAgeBand = (age: number) =>
  age < 5 ? '0-4' : age <= 10 ? '5-10' : age <= 15 ? '11-15' : age < ACCESS_AGE_LIMIT ? '16-17' : 'other';

type Contact = { at: string; age: number | null; pcn: string };

/**
 * The age at a contact: exact from the date of birth; without one (erased), the age at referral plus
 * the whole years since, which is never more than the real age (docs/domain.md#access); unknown when
 * neither was recorded.
 */
export function ageAtContact(r: AccessReferral, at: string): number | null {
  if (r.dateOfBirth !== null) return ageInYears(r.dateOfBirth, at);
  const { ageAtReferral, receivedAt } = r.summary;
  return ageAtReferral < 0 ? null : ageAtReferral + ageInYears(receivedAt.slice(0, 10), at);
}

/** Each young person's attended contacts across their referrals, in time order; one time recorded twice is one contact. */
function contactsByPerson(referrals: readonly AccessReferral[]): Contact[][] {
  const byPerson = new Map<string, Map<string, Contact>>();
  for (const r of referrals) {
    const mine = byPerson.get(r.person) ?? byPerson.set(r.person, new Map()).get(r.person)!;
    for (const at of r.summary.attendedSessions)
      if (!mine.has(at)) mine.set(at, { at, age: ageAtContact(r, at), pcn: r.summary.pcnCode ?? 'unknown' });
  }
  return [...byPerson.values()].map((m) => [...m.values()].sort((a, b) => a.at.localeCompare(b.at)));
}

const under18 = (c: Contact | undefined) => c !== undefined && c.age !== null && c.age < ACCESS_AGE_LIMIT;

/** The contact each measure counts a young person by in a window (its PCN and age band group them), if counted. */
function counted(contacts: Contact[], from: string, to: string): { one?: Contact; two?: Contact } {
  const within = contacts.filter((c) => c.at >= from && c.at <= to);
  return {
    one: within.find(under18),
    two: within.length >= 2 && under18(within[0]) ? within[0] : undefined,
  };
}

/** The first day of the rolling 12 months ending on `end`: the day after the same date a year before. */
export function rollingYearFrom(end: string): string {
  const [y, m, d] = end.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return new Date(Date.UTC(y - 1, m - 1, Math.min(d, lastDay) + 1)).toISOString().slice(0, 10);
}

type Tally = { one: number; two: number };

function tallies(people: Contact[][], from: string, to: string, groupOf: (c: Contact) => string) {
  const out = new Map<string, Tally>();
  const add = (c: Contact | undefined, field: keyof Tally) => {
    if (c === undefined) return;
    const t = out.get(groupOf(c)) ?? out.set(groupOf(c), { one: 0, two: 0 }).get(groupOf(c))!;
    t[field] += 1;
  };
  for (const contacts of people) {
    const { one, two } = counted(contacts, startOf(from), endOf(to));
    add(one, 'one');
    add(two, 'two');
  }
  return out;
}

function toRow(
  group: string,
  from: string,
  to: string,
  t: Tally | undefined,
  policy: SuppressionPolicy,
): AccessRow {
  const one = policy.count(t?.one ?? 0);
  return {
    group,
    windowFrom: from,
    windowTo: to,
    atLeastOneContact: one,
    atLeastTwoContacts: policy.count(t?.two ?? 0),
    suppressed: one === null,
  };
}

/**
 * CYP access (docs/domain.md#access): young people under 18 with one, and with two, attended contacts
 * in rolling 12 months. `overall`, `byPcn` and `byAgeBand` are the 12 months ending on `to`; `byMonth`
 * has a row for each month of from..to, the 12 months ending on its last day (or on `to`, for the last).
 */
export function accessRows(
  referrals: readonly AccessReferral[],
  from: string,
  to: string,
  policy: SuppressionPolicy,
): AccessRows {
  const people = contactsByPerson(referrals);
  const windowFrom = rollingYearFrom(to);
  const all = tallies(people, windowFrom, to, () => 'all');
  const byPcn = tallies(people, windowFrom, to, (c) => c.pcn);
  const byBand = tallies(people, windowFrom, to, (c) => accessAgeBand(c.age ?? -1));
  const bands = [...ACCESS_AGE_BANDS, ...[...byBand.keys()].filter((b) => b === '0-4')];
  return {
    overall: toRow('all', windowFrom, to, all.get('all'), policy),
    byMonth: monthsBetween(from, to).map((month) => {
      const end = lastDayOf(month) < to ? lastDayOf(month) : to;
      const start = rollingYearFrom(end);
      return toRow(month, start, end, tallies(people, start, end, () => 'all').get('all'), policy);
    }),
    byPcn: [...byPcn.keys()].sort().map((pcn) => toRow(pcn, windowFrom, to, byPcn.get(pcn), policy)),
    byAgeBand: bands.sort(byAge).map((band) => toRow(band, windowFrom, to, byBand.get(band), policy)),
  };
}

const byAge = (a: string, b: string) => parseInt(a, 10) - parseInt(b, 10);
