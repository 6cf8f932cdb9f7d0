import type { Projection } from './runner/projection';
import { accessLogProjection } from './access-log/access-log';
import { referralSummaryProjection } from './referral-summary/referral-summary.store';

/** Every projection the system runs; the projector, the API's in-process runner and rebuilds use this list. */
export const ALL_PROJECTIONS: Projection<unknown>[] = [referralSummaryProjection, accessLogProjection];

/** The event types whose personal fields some of these projections read: what their store must reveal. */
export function personalDataReadBy(projections: readonly Projection<unknown>[]): ReadonlySet<string> {
  return new Set(projections.flatMap((p) => [...p.personalData]));
}
