/** Figures of one group, already disclosure-controlled: null means suppressed. */
export type WaitingFiguresV1 = {
  count: number | null;
  medianDays: number | null;
  p92Days: number | null;
  suppressed: boolean;
};

/** A `reports.waiting-times.v1` message: the latest commissioner row of one (measure, grouping, group). */
export type WaitingTimeRowMessageV1 = {
  /** The fixed reporting period: `2026-03`, `2026-Q1` or `FY2026-27`. */
  period: string;
  measure: string;
  groupBy: string;
  group: string;
  /** Referrals received from..to (the period's UTC dates), as they stood at the end of asOf (the period's end, or today). */
  from: string;
  to: string;
  asOf: string;
  /** The disclosure-control policy applied, e.g. nhs-secondary-care. */
  suppression: string;
  referrals: number | null;
  completed: WaitingFiguresV1 & { within28DaysPct: number | null };
  waiting: WaitingFiguresV1 & { over28DaysCount: number | null };
  suppressed: boolean;
};

/** The key of a row on the compacted topic: the latest message per key is the current figure. */
export const waitingTimeRowKey = (row: {
  period: string;
  measure: string;
  groupBy: string;
  group: string;
}): string => `${row.period}/${row.measure}/${row.groupBy}/${row.group}`;
