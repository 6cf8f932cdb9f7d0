import type { OutcomeScoreEntry, ReferralSummary } from '../referral-summary/referral-summary';
import type { SuppressionPolicy } from './disclosure-control';
import { Change, classifyChange } from './outcome-measures';
import type { GroupBy } from './waiting-times.report';
import { groupKey } from './waiting-times.report';

export type PairedMeasure = {
  measure: string;
  rater: string;
  first: number;
  last: number;
  change: Change | null;
};

/** Paired measures (or referrals) and how many of them reliably improved, did not change, or deteriorated. */
export type OutcomeCounts = { paired: number; improved: number; no_change: number; deteriorated: number };
const emptyCounts = (): OutcomeCounts => ({ paired: 0, improved: 0, no_change: 0, deteriorated: 0 });

/** Counts keyed `group|measure|rater` (`group|all|all` for referrals), before disclosure control. */
export type OutcomeTallies = { measures: Map<string, OutcomeCounts>; referrals: Map<string, OutcomeCounts> };

/** Counts `n` pairs (or referrals) with this change under `key`. */
export function tallyOutcome(
  map: Map<string, OutcomeCounts>,
  key: string,
  change: Change | null,
  n = 1,
): void {
  const c = map.get(key) ?? emptyCounts();
  c.paired += n;
  if (change) c[change] += n;
  map.set(key, c);
}

/**
 * Pairs the first score on or after the first contact with the last on or after the second contact,
 * per measure and rater (and per goal for GBO, averaged across goals).
 */
export function pairedMeasures(s: ReferralSummary): PairedMeasure[] {
  if (s.firstContactAt === null || s.secondContactAt === null) return [];
  const series = new Map<string, OutcomeScoreEntry[]>();
  for (const e of s.scores) {
    if (typeof e.score !== 'number') continue;
    const key = `${e.measure}|${e.rater}|${e.series}`;
    series.set(key, [...(series.get(key) ?? []), e]);
  }
  const byMeasure = new Map<string, { first: number[]; last: number[] }>();
  for (const entries of series.values()) {
    const sorted = [...entries].sort((a, b) => a.at.localeCompare(b.at));
    const first = sorted.find((e) => e.at >= s.firstContactAt!);
    const last = [...sorted]
      .reverse()
      .find((e) => e.at >= s.secondContactAt! && first !== undefined && e.at > first.at);
    if (!first || !last) continue;
    const key = `${first.measure}|${first.rater}`;
    const m = byMeasure.get(key) ?? { first: [], last: [] };
    m.first.push(first.score as number);
    m.last.push(last.score as number);
    byMeasure.set(key, m);
  }
  return [...byMeasure.entries()].map(([key, m]) => {
    const [measure, rater] = key.split('|') as [string, string];
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const first = mean(m.first);
    const last = mean(m.last);
    return { measure, rater, first, last, change: classifyChange(measure, first, last) };
  });
}

/** Reliable improvement if some measure improved and none deteriorated; deterioration if any deteriorated. */
export function referralChange(paired: PairedMeasure[]): Change | null {
  const changes = paired.map((p) => p.change).filter((c): c is Change => c !== null);
  if (changes.length === 0) return null;
  if (changes.includes('deteriorated')) return 'deteriorated';
  return changes.includes('improved') ? 'improved' : 'no_change';
}

export type OutcomeRow = {
  group: string;
  measure: string;
  rater: string;
  referralsPaired: number | null;
  reliableImprovement: number | null;
  noReliableChange: number | null;
  reliableDeterioration: number | null;
};

export function outcomeRows(
  referrals: ReferralSummary[],
  groupBy: GroupBy,
  policy: SuppressionPolicy,
): { measures: OutcomeRow[]; referrals: OutcomeRow[] } {
  const tallies: OutcomeTallies = { measures: new Map(), referrals: new Map() };
  for (const s of referrals) {
    const group = groupKey(s, groupBy);
    const paired = pairedMeasures(s);
    for (const p of paired) tallyOutcome(tallies.measures, `${group}|${p.measure}|${p.rater}`, p.change);
    const change = referralChange(paired);
    if (change) tallyOutcome(tallies.referrals, `${group}|all|all`, change);
  }
  return outcomeRowsOf(tallies, policy);
}

/** The rows of pairs and referrals already tallied (by the reference above, or by SQL), in key order. */
export function outcomeRowsOf(
  tallies: OutcomeTallies,
  policy: SuppressionPolicy,
): { measures: OutcomeRow[]; referrals: OutcomeRow[] } {
  const toRows = (map: Map<string, OutcomeCounts>) =>
    [...map.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, c]) => {
        const [group, measure, rater] = key.split('|') as [string, string, string];
        return {
          group,
          measure,
          rater,
          referralsPaired: policy.count(c.paired),
          reliableImprovement: policy.count(c.improved),
          noReliableChange: policy.count(c.no_change),
          reliableDeterioration: policy.count(c.deteriorated),
        };
      });
  return { measures: toRows(tallies.measures), referrals: toRows(tallies.referrals) };
}
