import { calendarDaysBetween } from '@app/referral-domain';
import type { ReferralSummary } from '../referral-summary/referral-summary';
import { ageBand } from '../referral-summary/referral-summary';
import type { SuppressionPolicy } from './disclosure-control';
import { median, nearestRankPercentile, percentage } from './statistics';

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

/** Waiting-time rows per group: completed waits and still-waiting pathways reported separately, then disclosure-controlled. */
export function waitingTimeRows(
  referrals: ReferralSummary[],
  measure: WaitMeasure,
  groupBy: GroupBy,
  asOfDate: string,
  policy: SuppressionPolicy,
): WaitingTimeRow[] {
  const groups = new Map<string, { referrals: number; completed: number[]; waiting: number[] }>();
  // A referral not yet received at asOf did not exist then: it is in no group and no count.
  for (const s of referrals.filter((r) => r.receivedAt <= endOf(asOfDate))) {
    const key = groupKey(s, groupBy);
    const g = groups.get(key) ?? { referrals: 0, completed: [], waiting: [] };
    groups.set(key, g);
    g.referrals += 1;
    const c = classify(s, measure, asOfDate);
    if (c) g[c.kind].push(c.days);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, g]) => toRow(group, g, policy));
}

function toRow(
  group: string,
  g: { referrals: number; completed: number[]; waiting: number[] },
  policy: SuppressionPolicy,
): WaitingTimeRow {
  const percentile = (values: number[], p: number) =>
    !policy.percentileAllowed(values.length, p)
      ? null
      : p === 50
        ? median(values)
        : nearestRankPercentile(values, p);
  const completedCount = policy.count(g.completed.length);
  const waitingCount = policy.count(g.waiting.length);
  const completedOk = policy.statisticAllowed(g.completed.length);
  const waitingOk = policy.statisticAllowed(g.waiting.length);
  const referrals = policy.count(g.referrals);
  // From the exact counts, then rounded: a rounded numerator over a rounded denominator can say 100%
  // while one child of nine waited longer. A share whose numerator is a suppressed count is suppressed.
  const within = g.completed.filter((d) => d <= TARGET_DAYS).length;
  return {
    group,
    referrals,
    completed: {
      count: completedCount,
      medianDays: percentile(g.completed, 50),
      p92Days: percentile(g.completed, 92),
      within28DaysPct:
        completedOk && completedCount !== null && policy.count(within) !== null
          ? percentage(within, g.completed.length)
          : null,
      suppressed: completedCount === null || !completedOk,
    },
    waiting: {
      count: waitingCount,
      medianDays: percentile(g.waiting, 50),
      p92Days: percentile(g.waiting, 92),
      over28DaysCount: waitingOk ? policy.count(g.waiting.filter((d) => d > TARGET_DAYS).length) : null,
      suppressed: waitingCount === null || !waitingOk,
    },
    suppressed: referrals === null,
  };
}
