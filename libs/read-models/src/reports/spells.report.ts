import { calendarDaysBetween } from '@app/referral-domain';
import type { ReferralSummary } from '../referral-summary/referral-summary';
import type { SuppressionPolicy } from './disclosure-control';
import { disclosedRatio, endOf, monthsBetween } from './disclosed-figures';
import type { Histogram } from './statistics';
import { addToHistogram, histogramCount, histogramMedian, histogramPercentile } from './statistics';
import type { WaitMeasure } from './waiting-times.report';
import { classify, clockStop } from './waiting-times.report';

/** A later referral joins a spell when it opens within this many days of the spell's last referral ending. */
export const SPELL_JOIN_DAYS = 5;

/** A referral and the (opaque) key of the young person it is of. */
export type PersonReferral = { summary: ReferralSummary; person: string };

/** A referral spell as it stood at the end of the asOf date (docs/domain.md#referral-spells). */
export type Spell = {
  person: string;
  /** When its first referral was received. */
  start: string;
  /** When its last referral closed; null while one is open. */
  end: string | null;
  referrals: ReferralSummary[];
};

/** Spells started in the window and referrals received in it, per group; null is a suppressed figure. */
export type SpellRow = {
  group: string;
  /** Spells that started in the window. */
  spells: number | null;
  /** Of those, closed by the end of asOf, and still open then. */
  closed: number | null;
  open: number | null;
  /** Referrals in those spells (as at asOf), and their mean per spell. */
  spellReferrals: number | null;
  referralsPerSpell: number | null;
  /** Spells whose clock stopped by asOf: from the spell's first referral to the first clock stop of any of its referrals. */
  spellWaits: number | null;
  spellMedianDays: number | null;
  spellP92Days: number | null;
  /** Referrals received in the window, and their own completed waits (as the waiting-times report). */
  referrals: number | null;
  referralWaits: number | null;
  referralMedianDays: number | null;
  referralP92Days: number | null;
  suppressed: boolean;
};

export type SpellRows = { overall: SpellRow; byMonth: SpellRow[]; byReferralCount: SpellRow[] };

/** Groups of spells by how many referrals they have. */
export const SPELL_SIZES = ['1', '2', '3+'] as const;

/** When a referral closed (declined, withdrawn or ended) by `cutoff`; null while it was open then. */
function closedBy(s: ReferralSummary, cutoff: string): string | null {
  let first: string | null = null;
  for (const t of [s.declinedAt, s.withdrawnAt, s.endedAt])
    if (t != null && t <= cutoff && (first === null || t < first)) first = t;
  return first;
}

/** Plain code-unit order: ISO times and ids sort right without a (slow) locale comparison. */
export const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Open at the time, or opened within SPELL_JOIN_DAYS whole UTC days of the spell's last ending. */
const joins = (spell: Spell, receivedAt: string) =>
  spell.end === null ||
  receivedAt <= spell.end ||
  calendarDaysBetween(spell.end, receivedAt) <= SPELL_JOIN_DAYS;

/**
 * Each young person's referrals received by the end of `asOfDate` as referral spells, as they stood
 * then. Merged referrals are left out: a duplicate's wait is counted on the referral it joined.
 */
export function referralSpells(referrals: readonly PersonReferral[], asOfDate: string): Spell[] {
  const cutoff = endOf(asOfDate);
  const byPerson = new Map<string, ReferralSummary[]>();
  for (const { summary: s, person } of referrals)
    if (s.status !== 'merged' && s.receivedAt <= cutoff)
      (byPerson.get(person) ?? byPerson.set(person, []).get(person)!).push(s);
  const spells: Spell[] = [];
  for (const [person, list] of byPerson) {
    list.sort((a, b) => byCode(a.receivedAt, b.receivedAt) || byCode(a.referralId, b.referralId));
    let current: Spell | undefined;
    for (const s of list) {
      const closed = closedBy(s, cutoff);
      if (current !== undefined && joins(current, s.receivedAt)) {
        current.referrals.push(s);
        current.end =
          current.end === null || closed === null ? null : closed > current.end ? closed : current.end;
      } else {
        current = { person, start: s.receivedAt, end: closed, referrals: [s] };
        spells.push(current);
      }
    }
  }
  return spells;
}

/** Whole days from the spell's start to the first clock stop of any of its referrals by `cutoff`; null if none. */
function spellWait(spell: Spell, measure: WaitMeasure, cutoff: string): number | null {
  const stops = spell.referrals
    .map((s) => clockStop(s, measure))
    .filter((t): t is string => t !== null && t <= cutoff);
  return stops.length ? calendarDaysBetween(spell.start, stops.sort()[0]!) : null;
}

/**
 * A group's spells (started in the window) and referrals (received in it), their waits in whole days
 * counted per value: what the rows are made of, tallied by the reference below or by SQL.
 */
export type SpellTally = {
  spells: number;
  closed: number;
  spellReferrals: number;
  spellWaits: Histogram;
  referrals: number;
  referralWaits: Histogram;
};
type Tally = SpellTally & { spellWaits: Map<number, number>; referralWaits: Map<number, number> };
/** A tally to count into. */
export const emptySpellTally = (): Tally => ({
  spells: 0,
  closed: 0,
  spellReferrals: 0,
  spellWaits: new Map(),
  referrals: 0,
  referralWaits: new Map(),
});

/** The median (p 50) or nearest-rank percentile of a histogram, where the policy publishes it. */
function disclosedHistogramPercentile(values: Histogram, p: number, policy: SuppressionPolicy) {
  if (!policy.percentileAllowed(histogramCount(values), p)) return null;
  return p === 50 ? histogramMedian(values) : histogramPercentile(values, p);
}

function toRow(group: string, t: SpellTally, policy: SuppressionPolicy): SpellRow {
  const spells = policy.count(t.spells);
  return {
    group,
    spells,
    closed: policy.count(t.closed),
    open: policy.count(t.spells - t.closed),
    spellReferrals: policy.count(t.spellReferrals),
    referralsPerSpell: disclosedRatio(t.spellReferrals, t.spells, policy),
    spellWaits: policy.count(histogramCount(t.spellWaits)),
    spellMedianDays: disclosedHistogramPercentile(t.spellWaits, 50, policy),
    spellP92Days: disclosedHistogramPercentile(t.spellWaits, 92, policy),
    referrals: policy.count(t.referrals),
    referralWaits: policy.count(histogramCount(t.referralWaits)),
    referralMedianDays: disclosedHistogramPercentile(t.referralWaits, 50, policy),
    referralP92Days: disclosedHistogramPercentile(t.referralWaits, 92, policy),
    suppressed: spells === null,
  };
}

/** The `byReferralCount` group of a spell of n referrals. */
export const sizeGroup = (n: number) => (n >= 3 ? '3+' : String(n));

/**
 * Referral spells that started on the dates from..to and referrals received on them, as they stood at
 * the end of asOf: overall, by month (of the spell's start, of the referral's receipt) and by how many
 * referrals the spell has (a referral counts in its spell's group). Every month of the window has a row.
 */
export function spellRows(
  referrals: readonly PersonReferral[],
  measure: WaitMeasure,
  window: { from: string; to: string; asOf: string },
  policy: SuppressionPolicy,
): SpellRows {
  const cutoff = endOf(window.asOf);
  const inWindow = (t: string) => t.slice(0, 10) >= window.from && t.slice(0, 10) <= window.to;
  const tallies = new Map<string, Tally>();
  const tally = (key: string) => tallies.get(key) ?? tallies.set(key, emptySpellTally()).get(key)!;
  for (const spell of referralSpells(referrals, window.asOf)) {
    const keys = ['all', `month:${spell.start.slice(0, 7)}`, `size:${sizeGroup(spell.referrals.length)}`];
    if (inWindow(spell.start)) {
      const wait = spellWait(spell, measure, cutoff);
      for (const t of keys.map(tally)) {
        t.spells += 1;
        t.closed += spell.end === null ? 0 : 1;
        t.spellReferrals += spell.referrals.length;
        if (wait !== null) addToHistogram(t.spellWaits, wait);
      }
    }
    for (const s of spell.referrals.filter((r) => inWindow(r.receivedAt))) {
      const c = classify(s, measure, window.asOf);
      for (const t of [keys[0]!, `month:${s.receivedAt.slice(0, 7)}`, keys[2]!].map(tally)) {
        t.referrals += 1;
        if (c?.kind === 'completed') addToHistogram(t.referralWaits, c.days);
      }
    }
  }
  return spellRowsOf(tallies, window, policy);
}

/**
 * The rows of spells and referrals already tallied (by the reference above, or by SQL) under the keys
 * `all`, `month:YYYY-MM` and `size:1|2|3+`: every month of the window has a row.
 */
export function spellRowsOf(
  tallies: ReadonlyMap<string, SpellTally>,
  window: { from: string; to: string },
  policy: SuppressionPolicy,
): SpellRows {
  const row = (group: string, key: string) => toRow(group, tallies.get(key) ?? emptySpellTally(), policy);
  return {
    overall: row('all', 'all'),
    byMonth: monthsBetween(window.from, window.to).map((m) => row(m, `month:${m}`)),
    byReferralCount: SPELL_SIZES.map((size) => row(size, `size:${size}`)),
  };
}
