import type { WaitingTimesReport } from './waiting-times.handler';

const HEADER = [
  'measure',
  'as_of',
  'suppression',
  'group',
  'referrals',
  'completed_count',
  'completed_median_days',
  'completed_p92_days',
  'completed_within_28_days_pct',
  'waiting_count',
  'waiting_median_days',
  'waiting_p92_days',
  'waiting_over_28_days_count',
];

const cell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The same rows as CSV; suppressed figures are empty cells. */
export function waitingTimesCsv(report: WaitingTimesReport): string {
  const lines = report.rows.map((r) =>
    [
      report.measure,
      report.asOf,
      report.suppression,
      r.group,
      r.referrals,
      r.completed.count,
      r.completed.medianDays,
      r.completed.p92Days,
      r.completed.within28DaysPct,
      r.waiting.count,
      r.waiting.medianDays,
      r.waiting.p92Days,
      r.waiting.over28DaysCount,
    ]
      .map(cell)
      .join(','),
  );
  return [HEADER.join(','), ...lines].join('\n') + '\n';
}
