import type { Referral } from '@app/referral-domain';
import { Problems } from './problem';
import { hasRole } from './actor';
import type { Actor } from './actor';

export type ReferralAction =
  | 'records'
  | 'create'
  | 'read'
  | 'read_history'
  | 'accept'
  | 'decline'
  | 'assign'
  | 'care'
  | 'answer_handoff';

/** What access decisions need to know about a referral: who made it and who holds it. */
export type ReferralAccess = { state: Referral; createdBy?: string };

/** What an access rule looks at: the caller, and where they stand with the referral. */
type Standing = {
  actor: Actor;
  /** The referral is unknown: the decider answers 404, so the policy does not refuse first. */
  unknown: boolean;
  assignedToMe: boolean;
  /** Awaiting triage, assigned to the caller, or unknown. */
  triageable: boolean;
  creator: boolean;
  target?: { linkWorkerId?: string };
};

const linkWorker = (s: Standing) => hasRole(s.actor, 'link_worker');

/** One rule per action; service managers pass every rule before it is asked. */
const RULES: Record<ReferralAction, (s: Standing) => boolean> = {
  create: () => true,
  read: (s) => hasRole(s.actor, 'auditor') || (linkWorker(s) && s.triageable) || s.creator || s.unknown,
  read_history: (s) => hasRole(s.actor, 'auditor') || s.unknown,
  accept: (s) => linkWorker(s) && s.triageable && s.target?.linkWorkerId === s.actor.sub,
  decline: (s) => linkWorker(s) && s.triageable,
  assign: () => false,
  records: () => false,
  care: (s) => linkWorker(s) && (s.assignedToMe || s.unknown),
  answer_handoff: (s) => hasRole(s.actor, 'integration') || (linkWorker(s) && (s.assignedToMe || s.unknown)),
};

/**
 * Need-to-know access (Caldicott): service managers see everything; link workers see unassigned
 * referrals awaiting triage and those assigned to them; referrers see the status of their own.
 */
export function authorizeReferral(
  actor: Actor,
  action: ReferralAction,
  access: ReferralAccess,
  target?: { linkWorkerId?: string },
): void {
  if (hasRole(actor, 'service_manager')) return;
  const { state } = access;
  const unknown = state.status === 'none';
  const assignedToMe = !unknown && state.linkWorkerId === actor.sub;
  const triageable = state.status === 'received' || assignedToMe || unknown;
  const standing = { actor, unknown, assignedToMe, triageable, creator: isCreator(actor, access), target };
  if (!RULES[action](standing)) throw Problems.forbidden(forbiddenDetail(action));
}

/** Referrers and integrating systems see only the referrals they submitted. */
export function isCreator(actor: Actor, access: ReferralAccess): boolean {
  return hasRole(actor, 'referrer', 'integration') && access.createdBy === actor.sub;
}

function forbiddenDetail(action: ReferralAction): string {
  switch (action) {
    case 'accept':
      return 'A link worker may accept a referral awaiting triage only to themselves';
    case 'assign':
      return 'Only a service manager may assign a referral';
    case 'read_history':
      return 'Case history is for auditors and service managers';
    default:
      return 'This referral is not on your caseload';
  }
}
