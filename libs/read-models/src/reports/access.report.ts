import { ageInYears } from '@app/referral-domain';
import type { ReferralSummary } from '../referral-summary/referral-summary';
import type { SuppressionPolicy } from './disclosure-control';
import { endOf, lastDayOf, monthsBetween, startOf } from './disclosed-figures';
import { byCode } from './spells.report';

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

/** The age band at a contact: a group of the report when under 18; `18+` and `unknown` are never counted. */
export type AccessBand = '0-4' | (typeof ACCESS_AGE_BANDS)[number] | '18+' | 'unknown';

/** The band of an age at a contact; `unknown` when the age is not known. */
export const accessBandOf = (age: number | null): AccessBand =>
  age === null
    ? 'unknown'
    : age < 5
      ? '0-4'
      : age <= 10
        ? '5-10'
        : age <= 15
          ? '11-15'
          : age < ACCESS_AGE_LIMIT
            ? '16-17'
            : '18+';

/**
 * One attended contact as the count reads it: the young person's opaque key, the time, the PCN and the
 * age band at it, and `rank`, the order of the referral that recorded it (a time recorded on two
 * referrals of one young person is one contact: the lower rank's record is kept).
 */
export type AccessContact = { person: string; at: string; pcn: string; band: AccessBand; rank: string };

type Contact = Pick<AccessContact, 'at' | 'pcn' | 'band'>;

/** What the age at a contact is worked out from: the date of birth if open, else the age at referral. */
type AgeSource = {
  dateOfBirth: string | null;
  summary: Pick<ReferralSummary, 'ageAtReferral' | 'receivedAt'>;
};

/**
 * The age at a contact: exact from the date of birth; without one (erased), the age at referral plus
 * the whole years since, which is never more than the real age (docs/domain.md#access); unknown when
 * neither was recorded.
 */
export function ageAtContact(r: AgeSource, at: string): number | null {
  if (r.dateOfBirth !== null) return ageInYears(r.dateOfBirth, at);
  const { ageAtReferral, receivedAt } = r.summary;
  return ageAtReferral < 0 ? null : ageAtReferral + ageInYears(receivedAt.slice(0, 10), at);
}

/** The contacts of these referrals, ranked in the order given (the reference's referral order). */
export function accessContactsOf(referrals: readonly AccessReferral[]): AccessContact[] {
  const width = String(referrals.length).length;
  return referrals.flatMap((r, i) =>
    r.summary.attendedSessions.map((at) => ({
      person: r.person,
      at,
      pcn: r.summary.pcnCode ?? 'unknown',
      band: accessBandOf(ageAtContact(r, at)),
      rank: String(i).padStart(width, '0'),
    })),
  );
}

const byTimeThenRank = (a: AccessContact, b: AccessContact) => byCode(a.at, b.at) || byCode(a.rank, b.rank);

/** One young person's attended contacts in time order; one time recorded twice is one contact (the lowest rank's). */
export function dedupedContacts(mine: AccessContact[]): AccessContact[] {
  return mine.sort(byTimeThenRank).filter((c, i) => i === 0 || c.at !== mine[i - 1]!.at);
}

/** Each young person's attended contacts across their referrals, in time order; one time recorded twice is one contact. */
function contactsByPerson(contacts: readonly AccessContact[]): Contact[][] {
  const byPerson = new Map<string, AccessContact[]>();
  for (const c of contacts) (byPerson.get(c.person) ?? byPerson.set(c.person, []).get(c.person)!).push(c);
  return [...byPerson.values()].map(dedupedContacts);
}

const UNDER_18: ReadonlySet<string> = new Set(['0-4', ...ACCESS_AGE_BANDS]);

const under18 = (c: Contact | undefined) => c !== undefined && UNDER_18.has(c.band);

export type Counted = { one?: Contact; two?: Contact };

/**
 * The contact each measure counts a young person by in a window (its PCN and age band group them), if
 * counted: `contacts` are theirs in time order, one per time; from..to are ISO times, inclusive.
 */
export function counted(contacts: Contact[], from: string, to: string): Counted {
  let first: Contact | undefined;
  let one: Contact | undefined;
  let n = 0;
  for (const c of contacts) {
    if (c.at < from) continue;
    if (c.at > to) break;
    n += 1;
    first ??= c;
    if (one === undefined && under18(c)) one = c;
  }
  return { one, two: n >= 2 && under18(first) ? first : undefined };
}

/** Who each measure counts in the window from..to (UTC dates, inclusive), and by which contact. */
const countedIn = (people: Contact[][], from: string, to: string) =>
  people.map((contacts) => counted(contacts, startOf(from), endOf(to)));

/** The first day of the rolling 12 months ending on `end`: the day after the same date a year before. */
export function rollingYearFrom(end: string): string {
  const [y, m, d] = end.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return new Date(Date.UTC(y - 1, m - 1, Math.min(d, lastDay) + 1)).toISOString().slice(0, 10);
}

export type Tally = { one: number; two: number };

function tallies(people: Counted[], groupOf: (c: Contact) => string): Map<string, Tally> {
  const out = new Map<string, Tally>();
  const add = (c: Contact | undefined, field: keyof Tally) => {
    if (c === undefined) return;
    const group = groupOf(c);
    const t = out.get(group) ?? out.set(group, { one: 0, two: 0 }).get(group)!;
    t[field] += 1;
  };
  for (const { one, two } of people) {
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
  return accessRowsOf(accessContactsOf(referrals), from, to, policy);
}

/** `accessRows` counted from the contacts (of the referrals, or as the contact facts keep them). */
export function accessRowsOf(
  contacts: readonly AccessContact[],
  from: string,
  to: string,
  policy: SuppressionPolicy,
): AccessRows {
  const people = contactsByPerson(contacts);
  return accessRowsFrom(from, to, policy, (start, end) => {
    const counts = countedIn(people, start, end);
    return {
      all: tallies(counts, () => 'all').get('all'),
      byPcn: tallies(counts, (c) => c.pcn),
      byBand: tallies(counts, (c) => c.band),
    };
  });
}

/** The young people each measure counts in one window: all, by PCN and by age band of the counting contact. */
export type WindowTallies = { all?: Tally; byPcn: Map<string, Tally>; byBand: Map<string, Tally> };

/**
 * The access rows of from..to, given how many young people each measure counts in a window (the
 * 12 months start..end, UTC dates): `overall`, `byPcn` and `byAgeBand` of the window ending on `to`,
 * and `byMonth` of the window ending on each month's last day (or on `to`, for the last).
 */
export function accessRowsFrom(
  from: string,
  to: string,
  policy: SuppressionPolicy,
  windowTallies: (start: string, end: string) => WindowTallies,
): AccessRows {
  const windowFrom = rollingYearFrom(to);
  const last12 = windowTallies(windowFrom, to);
  const { byPcn, byBand } = last12;
  const bands = [...ACCESS_AGE_BANDS, ...[...byBand.keys()].filter((b) => b === '0-4')];
  return {
    overall: toRow('all', windowFrom, to, last12.all, policy),
    byMonth: monthsBetween(from, to).map((month) => {
      const end = lastDayOf(month) < to ? lastDayOf(month) : to;
      const start = rollingYearFrom(end);
      return toRow(month, start, end, windowTallies(start, end).all, policy);
    }),
    byPcn: [...byPcn.keys()].sort().map((pcn) => toRow(pcn, windowFrom, to, byPcn.get(pcn), policy)),
    byAgeBand: bands.sort(byAge).map((band) => toRow(band, windowFrom, to, byBand.get(band), policy)),
  };
}

const byAge = (a: string, b: string) => parseInt(a, 10) - parseInt(b, 10);
