import type { OutcomeScore } from './referral.events';
import type { OutcomeMeasure } from './referral.vocabulary';

/** Valid totals per measure (docs/domain.md#outcome-measures): SWEMWBS is the raw 7-35 total before conversion. */
export const OUTCOME_RANGES: Record<
  Exclude<OutcomeMeasure, 'ONS4' | 'OTHER'>,
  { min: number; max: number; integer: boolean }
> = {
  GBO: { min: 0, max: 10, integer: false },
  ORS: { min: 0, max: 40, integer: false },
  CORS: { min: 0, max: 40, integer: false },
  SWEMWBS: { min: 7, max: 35, integer: true },
  YP_CORE: { min: 0, max: 40, integer: true },
};

export const ONS4_ITEMS = ['lifeSatisfaction', 'worthwhile', 'happiness', 'anxiety'] as const;

/** Returns a problem description, or null when the score fits the measure. */
export function outcomeScoreProblem(measure: OutcomeMeasure, score: OutcomeScore): string | null {
  if (measure === 'ONS4') return ons4Problem(score);
  if (typeof score !== 'number' || !Number.isFinite(score)) return `${measure} needs a numeric score`;
  if (measure === 'OTHER') return null;
  const range = OUTCOME_RANGES[measure];
  if (score < range.min || score > range.max)
    return `${measure} scores run from ${range.min} to ${range.max}; got ${score}`;
  if (range.integer && !Number.isInteger(score)) return `${measure} scores are whole numbers; got ${score}`;
  return null;
}

function ons4Problem(score: OutcomeScore): string | null {
  if (typeof score !== 'object' || score === null) return 'ONS4 needs an object of its items';
  const items = score as Partial<Record<string, unknown>>;
  const unknown = Object.keys(items).filter((k) => !(ONS4_ITEMS as readonly string[]).includes(k));
  if (unknown.length) return `ONS4 has no item ${unknown.join(', ')}`;
  for (const item of ONS4_ITEMS) {
    const v = items[item];
    if (v === undefined && item === 'anxiety') continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 10)
      return `ONS4 ${item} must be a whole number 0-10`;
  }
  return null;
}
