import { ReferralErrors } from './referral.errors';
import type { OpenReferral } from './referral.state';

/** Why a referral moves to another link worker or team (docs/domain.md#transfer). */
export const TRANSFER_REASONS = [
  'capacity',
  'specialism',
  'location',
  'continuity_of_care',
  'conflict_of_interest',
  'other',
] as const;
export type TransferReason = (typeof TRANSFER_REASONS)[number];

/**
 * Moves a referral to another link worker, another team, or both. `teams` is what the application
 * layer knows of the routing: the team the referral is with now and every team there is.
 */
export type TransferReferral = {
  type: 'TransferReferral';
  referralId: string;
  at: string;
  now: string;
  toLinkWorkerId?: string;
  toTeam?: string;
  reason: TransferReason;
  note?: string;
  teams: { current: string; known: readonly string[] };
};

/** The referral moved; `note` is sealed free text. Without a new link worker, a move of team leaves it unassigned. */
export type ReferralTransferred = {
  type: 'ReferralTransferred';
  data: {
    referralId: string;
    at: string;
    reason: TransferReason;
    note?: string;
    fromLinkWorkerId?: string;
    toLinkWorkerId?: string;
    fromTeam?: string;
    toTeam?: string;
  };
};
export const TRANSFER_EVENT_TYPES = ['ReferralTransferred'] as const;

/** A target that differs from where the referral is now; undefined when none was given or it is the same. */
const changed = (to: string | undefined, now: string | undefined) =>
  to !== undefined && to !== now ? to : undefined;

function checkTargets(c: TransferReferral, s: OpenReferral): { team?: string; linkWorker?: string } {
  if (c.toTeam === undefined && c.toLinkWorkerId === undefined)
    throw ReferralErrors.transferTargetRequired('Say which link worker or team the referral moves to');
  const team = changed(c.toTeam, c.teams.current);
  const linkWorker = changed(c.toLinkWorkerId, s.linkWorkerId);
  if (team === undefined && linkWorker === undefined)
    throw ReferralErrors.transferToSame('The referral is already with that link worker and team');
  if (team !== undefined && !c.teams.known.includes(team))
    throw ReferralErrors.unknownTeam(`There is no team ${team}; teams: ${c.teams.known.join(', ')}`);
  if (linkWorker !== undefined && s.status === 'received')
    throw ReferralErrors.notOpen(
      'A referral awaiting triage is accepted by a link worker, not transferred to one',
    );
  return { team, linkWorker };
}

export function decideTransfer(c: TransferReferral, s: OpenReferral): ReferralTransferred[] {
  const { team, linkWorker } = checkTargets(c, s);
  const note = c.note?.trim();
  return [
    {
      type: 'ReferralTransferred',
      data: {
        referralId: c.referralId,
        at: c.at,
        reason: c.reason,
        ...(note ? { note } : {}),
        ...(s.linkWorkerId !== undefined &&
          (linkWorker ?? team) !== undefined && { fromLinkWorkerId: s.linkWorkerId }),
        ...(linkWorker !== undefined && { toLinkWorkerId: linkWorker }),
        ...(team !== undefined && { fromTeam: c.teams.current, toTeam: team }),
      },
    },
  ];
}

/** The referral's new link worker and team; a move of team without a link worker leaves it unassigned. */
export function evolveTransfer(s: OpenReferral, event: ReferralTransferred): OpenReferral {
  const { toTeam, toLinkWorkerId } = event.data;
  return {
    ...s,
    ...(toTeam !== undefined && { team: toTeam }),
    linkWorkerId: toLinkWorkerId ?? (toTeam !== undefined ? undefined : s.linkWorkerId),
  };
}
