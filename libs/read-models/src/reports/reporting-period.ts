/** A fixed reporting period: a calendar month, a calendar quarter or a financial year (April to March). */
export type ReportingPeriod = {
  /** As asked for: `2026-03`, `2026-Q1` or `FY2026-27`. */
  id: string;
  kind: 'month' | 'quarter' | 'financial_year';
  /** First and last UTC dates of the period, inclusive. */
  from: string;
  to: string;
};

export const PERIOD_FORMAT =
  'YYYY-MM (a calendar month), YYYY-Qn (a calendar quarter) or FYYYYY-YY (a financial year, April to March, e.g. FY2026-27)';

const pad = (n: number) => String(n).padStart(2, '0');

/** The last day of a month (month 1-12). */
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

const span = (
  id: string,
  kind: ReportingPeriod['kind'],
  year: number,
  first: number,
  months: number,
): ReportingPeriod => {
  const endMonth = first + months - 1;
  const endYear = year + Math.floor((endMonth - 1) / 12);
  const end = ((endMonth - 1) % 12) + 1;
  return {
    id,
    kind,
    from: `${year}-${pad(first)}-01`,
    to: `${endYear}-${pad(end)}-${pad(lastDay(endYear, end))}`,
  };
};

/** The period a text names, or undefined when it names none. */
export function parsePeriod(text: string): ReportingPeriod | undefined {
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (m) return span(text, 'month', Number(m[1]), Number(m[2]), 1);
  m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m) return span(text, 'quarter', Number(m[1]), (Number(m[2]) - 1) * 3 + 1, 3);
  m = /^FY(\d{4})-(\d{2})$/.exec(text);
  if (m && (Number(m[1]) + 1) % 100 === Number(m[2]))
    return span(text, 'financial_year', Number(m[1]), 4, 12);
  return undefined;
}

/** The latest calendar month that has ended by `today` (a UTC date). */
export function lastCompleteMonth(today: string): ReportingPeriod {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const [y, mo] = month === 1 ? [year - 1, 12] : [year, month - 1];
  return span(`${y}-${pad(mo)}`, 'month', y, mo, 1);
}

/** The date waits are measured at: the period's last day, or today when the period has not ended. */
export const measuredAt = (period: ReportingPeriod, today: string): string =>
  period.to < today ? period.to : today;

/** The month, quarter and financial year that contain `date` (a UTC date). */
export function periodsContaining(date: string): ReportingPeriod[] {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const fy = month >= 4 ? year : year - 1;
  return [
    parsePeriod(date.slice(0, 7))!,
    parsePeriod(`${year}-Q${Math.ceil(month / 3)}`)!,
    parsePeriod(`FY${fy}-${pad((fy + 1) % 100)}`)!,
  ];
}

/**
 * The periods commissioners are sent: the last complete month, and the month, quarter and financial
 * year under way (measured as at today until they end).
 */
export const publishedPeriods = (today: string): ReportingPeriod[] => [
  lastCompleteMonth(today),
  ...periodsContaining(today),
];
