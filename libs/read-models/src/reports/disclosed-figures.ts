import type { SuppressionPolicy } from './disclosure-control';
import { median, nearestRankPercentile, percentage } from './statistics';

/**
 * The median (p 50) or nearest-rank percentile of some values, where the policy publishes that
 * percentile for a group of that size (docs/domain.md#disclosure-control); null otherwise or for none.
 */
export function disclosedPercentile(values: number[], p: number, policy: SuppressionPolicy): number | null {
  if (!policy.percentileAllowed(values.length, p)) return null;
  return p === 50 ? median(values) : nearestRankPercentile(values, p);
}

/** Whether a figure made of these two exact counts may be published: neither suppressed, the whole large enough. */
const publishable = (part: number, whole: number, policy: SuppressionPolicy) =>
  policy.statisticAllowed(whole) && policy.count(whole) !== null && policy.count(part) !== null;

/**
 * `part` of `whole` as a percentage of the exact counts, to one decimal place; withheld (null) when
 * either count is suppressed or the whole is too small for statistics, as every report does.
 */
export function disclosedRate(part: number, whole: number, policy: SuppressionPolicy): number | null {
  return publishable(part, whole, policy) ? percentage(part, whole) : null;
}

/** `part / whole` to two decimal places under the same rule (e.g. referrals per spell). */
export function disclosedRatio(part: number, whole: number, policy: SuppressionPolicy): number | null {
  if (whole === 0 || !publishable(part, whole, policy)) return null;
  return Math.round((part * 100) / whole) / 100;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The months (`YYYY-MM`) from the month of `from` to the month of `to`, both UTC dates, in order. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (let m = `${year}-${pad(month)}`; m <= last; m = `${year}-${pad(month)}`) {
    months.push(m);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return months;
}

/** The last day of a month (`YYYY-MM`) as a UTC date. */
export const lastDayOf = (month: string): string =>
  `${month}-${pad(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate())}`;

/** The first instant of a UTC date and the last, for comparing ISO times with dates. */
export const startOf = (date: string) => `${date}T00:00:00.000Z`;
export const endOf = (date: string) => `${date}T23:59:59.999Z`;
