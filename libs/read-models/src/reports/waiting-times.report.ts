import { calendarDaysBetween } from '@app/referral-domain';
import type { ReferralSummary } from '../referral-summary/referral-summary';
import { ageBand } from '../referral-summary/referral-summary';
import type { SuppressionPolicy } from './disclosure-control';
import type { Histogram } from './statistics';
import {
  addToHistogram,
  histogramCount,
  histogramCountWhere,
  histogramMedian,
  histogramPercentile,
  percentage,
} from './statistics';

export const WAIT_MEASURES = ['acceptance', 'first_contact', 'second_contact', 'help_started'] as const;
export type WaitMeasure = (typeof WAIT_MEASURES)[number];
export const GROUP_BYS = ['none', 'pcn', 'source', 'age_band', 'month'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

const TARGET_DAYS = 28;

export type WaitingTimeRow = {
  group: string;
  referrals: number | null;
  completed: {
    count: number | null;
    medianDays: number | null;
    p92Days: number | null;
    within28DaysPct: number | null;
    suppressed: boolean;
  };
  waiting: {
    count: number | null;
    medianDays: number | null;
    p92Days: number | null;
    over28DaysCount: number | null;
    suppressed: boolean;
  };
  suppressed: boolean;
};

const STOP: Record<WaitMeasure, (s: ReferralSummary) => string | null> = {
  acceptance: (s) => s.acceptedAt,
  first_contact: (s) => s.firstContactAt,
  second_contact: (s) => s.secondContactAt,
  help_started: (s) => s.helpStartedAt,
};

/** When a referral's clock stopped for a measure, if it has (docs/domain.md#referral-to-help-waiting-clocks). */
export const clockStop = (s: ReferralSummary, measure: WaitMeasure): string | null => STOP[measure](s);

export function groupKey(s: ReferralSummary, groupBy: GroupBy): string {
  switch (groupBy) {
    case 'none':
      return 'all';
    case 'pcn':
      return s.pcnCode ?? 'unknown';
    case 'source':
      return s.sourceKind;
    case 'age_band':
      return ageBand(s.ageAtReferral);
    case 'month':
      return s.receivedAt.slice(0, 7);
  }
}

type Classified = { kind: 'completed' | 'waiting'; days: number } | null;

const endOf = (asOfDate: string): string => `${asOfDate}T23:59:59.999Z`;

/** Where a referral stood at the end of `asOfDate` for one clock; null when it leaves both counts. */
export function classify(s: ReferralSummary, measure: WaitMeasure, asOfDate: string): Classified {
  const cutoff = endOf(asOfDate);
  if (s.receivedAt > cutoff) return null;
  const stop = STOP[measure](s);
  if (stop !== null && stop <= cutoff)
    return { kind: 'completed', days: calendarDaysBetween(s.receivedAt, stop) };
  // Declined, withdrawn, merged (a duplicate's wait is counted on the referral it joined) or ended.
  const closedAt = [s.declinedAt, s.withdrawnAt, s.mergedAt, s.endedAt].filter((t) => t != null);
  if (closedAt.some((t) => t <= cutoff)) return null;
  return { kind: 'waiting', days: calendarDaysBetween(s.receivedAt, cutoff) };
}

/** A group's referrals, and its completed waits and still-waiting pathways in whole days, counted per value. */
export type WaitTally = { referrals: number; completed: Histogram; waiting: Histogram };

/** Waiting-time rows per group: completed waits and still-waiting pathways reported separately, then disclosure-controlled. */
export function waitingTimeRows(
  referrals: ReferralSummary[],
  measure: WaitMeasure,
  groupBy: GroupBy,
  asOfDate: string,
  policy: SuppressionPolicy,
): WaitingTimeRow[] {
  const groups = new Map<
    string,
    { referrals: number; completed: Map<number, number>; waiting: Map<number, number> }
  >();
  // A referral not yet received at asOf did not exist then: it is in no group and no count.
  for (const s of referrals.filter((r) => r.receivedAt <= endOf(asOfDate))) {
    const key = groupKey(s, groupBy);
    const g = groups.get(key) ?? {
      referrals: 0,
      completed: new Map<number, number>(),
      waiting: new Map<number, number>(),
    };
    groups.set(key, g);
    g.referrals += 1;
    const c = classify(s, measure, asOfDate);
    if (c) addToHistogram(g[c.kind], c.days);
  }
  return waitingTimeRowsOf(groups, policy);
}

/** The rows of groups already tallied (by the reference above, or by SQL), in group order. */
export function waitingTimeRowsOf(
  groups: ReadonlyMap<string, WaitTally>,
  policy: SuppressionPolicy,
): WaitingTimeRow[] {
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, g]) => toRow(group, g, policy));
}

function toRow(group: string, g: WaitTally, policy: SuppressionPolicy): WaitingTimeRow {
  const completed = histogramCount(g.completed);
  const waiting = histogramCount(g.waiting);
  const percentile = (values: Histogram, n: number, p: number) =>
    !policy.percentileAllowed(n, p)
      ? null
      : p === 50
        ? histogramMedian(values)
        : histogramPercentile(values, p);
  const completedCount = policy.count(completed);
  const waitingCount = policy.count(waiting);
  const completedOk = policy.statisticAllowed(completed);
  const waitingOk = policy.statisticAllowed(waiting);
  const referrals = policy.count(g.referrals);
  // From the exact counts, then rounded: a rounded numerator over a rounded denominator can say 100%
  // while one child of nine waited longer. A share whose numerator is a suppressed count is suppressed.
  const within = histogramCountWhere(g.completed, (d) => d <= TARGET_DAYS);
  return {
    group,
    referrals,
    completed: {
      count: completedCount,
      medianDays: percentile(g.completed, completed, 50),
      p92Days: percentile(g.completed, completed, 92),
      within28DaysPct:
        completedOk && completedCount !== null && policy.count(within) !== null
          ? percentage(within, completed)
          : null,
      suppressed: completedCount === null || !completedOk,
    },
    waiting: {
      count: waitingCount,
      medianDays: percentile(g.waiting, waiting, 50),
      p92Days: percentile(g.waiting, waiting, 92),
      over28DaysCount: waitingOk
        ? policy.count(histogramCountWhere(g.waiting, (d) => d > TARGET_DAYS))
        : null,
      suppressed: waitingCount === null || !waitingOk,
    },
    suppressed: referrals === null,
  };
}
