import type { Projection } from './runner/projection';
import { accessLogProjection } from './access-log/access-log';
import { IDENTITY_INDEX_PERSONAL_DATA, identityIndexProjection } from './identity/identity-index.projection';
import type { KeyedTokens } from './identity/identity-tokens';
import { referralSummaryProjection } from './referral-summary/referral-summary.store';

/** The projections that need nothing but the read-model database (every process can run them). */
export const ALL_PROJECTIONS: Projection<unknown>[] = [referralSummaryProjection, accessLogProjection];

/** Every projection the system runs: the ones above, and the identity index when its key is at hand. */
export function projectionsWith(blindIndex: KeyedTokens | undefined): Projection<unknown>[] {
  if (blindIndex === undefined) return ALL_PROJECTIONS;
  return [...ALL_PROJECTIONS, identityIndexProjection(blindIndex)];
}

/** The event types whose personal fields some of these projections read: what their store must reveal. */
export function personalDataReadBy(projections: readonly Projection<unknown>[]): ReadonlySet<string> {
  return new Set(projections.flatMap((p) => [...p.personalData]));
}

/** What the store feeding every projection must reveal, the identity index included. */
export const PROJECTIONS_PERSONAL_DATA: ReadonlySet<string> = new Set([
  ...personalDataReadBy(ALL_PROJECTIONS),
  ...IDENTITY_INDEX_PERSONAL_DATA,
]);
