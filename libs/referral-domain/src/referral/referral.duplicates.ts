import { ReferralErrors } from './referral.errors';
import type { OpenReferral } from './referral.state';

/** How a link worker settles a possible-duplicate flag (docs/domain.md#duplicates). */
export const DUPLICATE_DECISIONS = ['merge', 'keep_both'] as const;
export type DuplicateDecision = (typeof DUPLICATE_DECISIONS)[number];

/**
 * What the application layer found of the other referral when the command was made: the decider is
 * pure, so facts of another stream come in with the command.
 */
export type DuplicateTarget = {
  referralId: string;
  /** `none` when there is no such referral. */
  status: string;
  /** Whether it is received by the same team as this referral. */
  sameTeam: boolean;
};

/** Settles a possible duplicate: merge this referral into the other (closing this one) or keep both. */
export type ResolveDuplicate = {
  type: 'ResolveDuplicate';
  referralId: string;
  at: string;
  now: string;
  decision: DuplicateDecision;
  target: DuplicateTarget;
};

/** This referral was the same request for support as `into`: closed, its events kept, `into` carries on. */
export type ReferralMerged = {
  type: 'ReferralMerged';
  data: { referralId: string; at: string; into: string };
};
/** A link worker found this referral and `of` to be separate episodes: the flag between them is cleared. */
export type DuplicateKept = { type: 'DuplicateKept'; data: { referralId: string; at: string; of: string } };
export type DuplicateEvent = ReferralMerged | DuplicateKept;
export const DUPLICATE_EVENT_TYPES = ['ReferralMerged', 'DuplicateKept'] as const;

const OPEN = ['received', 'accepted', 'active'];

/** Merging needs an open referral of the same team; keeping both needs only that the other exists. */
export function decideDuplicate(c: ResolveDuplicate, s: OpenReferral): DuplicateEvent[] {
  const { target } = c;
  if (target.referralId === c.referralId)
    throw ReferralErrors.mergeIntoSelf('A referral cannot be a duplicate of itself');
  if (target.status === 'none')
    throw ReferralErrors.duplicateNotFound(`There is no referral ${target.referralId} to compare with`);
  if (c.decision === 'keep_both') {
    if (s.keptApartFrom?.includes(target.referralId)) return [];
    return [{ type: 'DuplicateKept', data: { referralId: c.referralId, at: c.at, of: target.referralId } }];
  }
  if (!OPEN.includes(target.status))
    throw ReferralErrors.mergeIntoClosed(
      `Referral ${target.referralId} is ${target.status}; a referral can only be merged into an open one`,
    );
  if (!target.sameTeam)
    throw ReferralErrors.mergeAcrossTeams(
      'The two referrals are received by different teams; transfer one first, then merge',
    );
  return [{ type: 'ReferralMerged', data: { referralId: c.referralId, at: c.at, into: target.referralId } }];
}

/** Applies a duplicate event. */
export function evolveDuplicate(s: OpenReferral, event: DuplicateEvent): OpenReferral {
  if (event.type === 'DuplicateKept')
    return { ...s, keptApartFrom: [...(s.keptApartFrom ?? []), event.data.of] };
  return { ...s, status: 'merged', mergedAt: event.data.at, mergedInto: event.data.into };
}
