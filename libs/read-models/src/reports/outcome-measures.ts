/** Reliable change thresholds and direction per measure (NHS England CYP outcomes method, docs/domain.md#reliable-change). */
export const RELIABLE_CHANGE: Record<string, { threshold: number; higherIsBetter: boolean }> = {
  GBO: { threshold: 3, higherIsBetter: true },
  ORS: { threshold: 6.55, higherIsBetter: true },
  CORS: { threshold: 10, higherIsBetter: true },
  SWEMWBS: { threshold: 3, higherIsBetter: true },
  YP_CORE: { threshold: 8, higherIsBetter: false },
};

/** SWEMWBS raw total (7-35) to metric score, from the published conversion table. */
const SWEMWBS_METRIC = [
  7.0, 9.51, 11.25, 12.4, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98, 18.59, 19.25, 19.98,
  20.73, 21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.7, 32.55, 35.0,
];

export function swemwbsMetric(raw: number): number {
  const value = SWEMWBS_METRIC[Math.round(raw) - 7];
  if (value === undefined) throw new Error(`SWEMWBS raw score ${raw} is outside 7-35`);
  return value;
}

/** The score reliable change is judged on: SWEMWBS converted, others as recorded. */
export function comparableScore(measure: string, score: number): number {
  return measure === 'SWEMWBS' ? swemwbsMetric(score) : score;
}

export type Change = 'improved' | 'no_change' | 'deteriorated';

export function classifyChange(measure: string, first: number, last: number): Change | null {
  const rule = RELIABLE_CHANGE[measure];
  if (!rule) return null;
  const delta =
    (comparableScore(measure, last) - comparableScore(measure, first)) * (rule.higherIsBetter ? 1 : -1);
  // Rounding guards against float noise such as 6.549999 for a real 6.55 change.
  const rounded = Math.round(delta * 1000) / 1000;
  if (rounded >= rule.threshold) return 'improved';
  if (rounded <= -rule.threshold) return 'deteriorated';
  return 'no_change';
}
