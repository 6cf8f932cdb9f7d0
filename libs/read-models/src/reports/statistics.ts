/**
 * Values counted per value (value → how many), as SQL returns them (GROUP BY value): a group's waits
 * without a row per referral. Percentiles of a histogram equal those of the values it counts.
 */
export type Histogram = ReadonlyMap<number, number>;

/** Adds `n` occurrences of `value` to a histogram being built. */
export function addToHistogram(histogram: Map<number, number>, value: number, n = 1): void {
  histogram.set(value, (histogram.get(value) ?? 0) + n);
}

/** How many values a histogram counts. */
export const histogramCount = (histogram: Histogram): number =>
  [...histogram.values()].reduce((a, b) => a + b, 0);

/** How many of the values counted match. */
export const histogramCountWhere = (histogram: Histogram, matches: (value: number) => boolean): number =>
  [...histogram].reduce((n, [value, count]) => n + (matches(value) ? count : 0), 0);

/** Sorted values read by 0-based rank: the one definition of the statistics below, for lists and histograms. */
type Ranked = { count: number; at(rank: number): number };

const rankedList = (values: number[]): Ranked => {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, at: (rank) => sorted[rank]! };
};

const rankedHistogram = (histogram: Histogram): Ranked => {
  const steps = [...histogram].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  return {
    count: steps.reduce((total, [, n]) => total + n, 0),
    at: (rank) => {
      let seen = 0;
      for (const [value, n] of steps) if ((seen += n) > rank) return value;
      throw new RangeError(`rank ${rank} is beyond the values counted`);
    },
  };
};

function medianOf(r: Ranked): number | null {
  if (r.count === 0) return null;
  const mid = Math.floor(r.count / 2);
  return r.count % 2 ? r.at(mid) : (r.at(mid - 1) + r.at(mid)) / 2;
}

function nearestRankOf(r: Ranked, p: number): number | null {
  if (r.count === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * r.count));
  return r.at(rank - 1);
}

/** The middle value, or the mean of the two middle values; null for no values. */
export const median = (values: number[]): number | null => medianOf(rankedList(values));

/** Nearest rank: the smallest value with at least p% of values at or below it. */
export const nearestRankPercentile = (values: number[], p: number): number | null =>
  nearestRankOf(rankedList(values), p);

/** `median` of the values a histogram counts. */
export const histogramMedian = (histogram: Histogram): number | null => medianOf(rankedHistogram(histogram));

/** `nearestRankPercentile` of the values a histogram counts. */
export const histogramPercentile = (histogram: Histogram, p: number): number | null =>
  nearestRankOf(rankedHistogram(histogram), p);

/** A percentage to one decimal place; null when the denominator is zero or unknown. */
export function percentage(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole === 0) return null;
  // Multiply before dividing so an exact half (201 of 400 is 50.25%) is represented exactly and rounds up.
  return Math.round((part * 1000) / whole) / 10;
}
