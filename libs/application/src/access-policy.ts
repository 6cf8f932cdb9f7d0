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
  | 'withdraw'
  | 'transfer'
  | 'correct_record'
  | 'assign'
  | 'care'
  | 'answer_handoff';

/**
 * What access decisions need to know about a referral: who made it, who holds it, and the team that
 * receives it (undefined: teams are not checked).
 */
export type ReferralAccess = {
  state: Referral;
  createdBy?: string;
  team?: string;
  callerTeams?: readonly string[];
};

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
  /** Where the handoff being answered was sent; undefined when the referral has no such handoff (404). */
  handoffTarget?: string;
};

/** An integration caller answers a handoff only for the partner it was sent to. */
const partnerOfHandoff = (s: Standing) =>
  hasRole(s.actor, 'integration') &&
  (s.handoffTarget === undefined || (s.actor.handoffTargets ?? []).includes(s.handoffTarget));

const linkWorker = (s: Standing) => hasRole(s.actor, 'link_worker');

/** One rule per action; service managers pass every rule before it is asked. */
const RULES: Record<ReferralAction, (s: Standing) => boolean> = {
  create: () => true,
  read: (s) => hasRole(s.actor, 'auditor') || (linkWorker(s) && s.triageable) || s.creator || s.unknown,
  read_history: (s) => hasRole(s.actor, 'auditor') || s.unknown,
  accept: (s) => linkWorker(s) && s.triageable && s.target?.linkWorkerId === s.actor.sub,
  decline: (s) => linkWorker(s) && s.triageable,
  // Only whoever made the referral (or a service manager) may take it back.
  withdraw: (s) => s.creator || s.unknown,
  // The record (duplicates, demographics) is put right by whoever could triage or holds the referral.
  correct_record: (s) => linkWorker(s) && s.triageable,
  // A link worker hands on their own case; moving anyone else's is a manager's decision.
  transfer: (s) => linkWorker(s) && s.assignedToMe,
  assign: () => false,
  records: () => false,
  care: (s) => linkWorker(s) && (s.assignedToMe || s.unknown),
  answer_handoff: (s) => partnerOfHandoff(s) || (linkWorker(s) && (s.assignedToMe || s.unknown)),
};

/**
 * Need-to-know access (Caldicott): service managers see their teams' referrals; link workers see those
 * awaiting triage by their team and those assigned to them; referrers see the status of their own.
 */
export function authorizeReferral(
  actor: Actor,
  action: ReferralAction,
  access: ReferralAccess,
  target?: { linkWorkerId?: string; handoffId?: string },
): void {
  const { state } = access;
  const unknown = state.status === 'none';
  const myTeam = unknown || inTeam(access);
  if (hasRole(actor, 'service_manager')) {
    if (myTeam) return;
    throw Problems.forbidden(
      `This referral is received by team ${access.team}, which is not one of your teams`,
    );
  }
  const assignedToMe = !unknown && state.linkWorkerId === actor.sub;
  // Awaiting triage: for the receiving team's link workers only.
  const triageable = (state.status === 'received' && myTeam) || assignedToMe || unknown;
  const handoffTarget = handoffTargetOf(state, target?.handoffId);
  const standing = {
    actor,
    unknown,
    assignedToMe,
    triageable,
    creator: isCreator(actor, access),
    target,
    handoffTarget,
  };
  if (!RULES[action](standing)) throw forbidden(action, standing);
}

/** Whether the caller belongs to the team that receives the referral (always, when teams are not checked). */
const inTeam = (access: ReferralAccess) =>
  access.team === undefined || (access.callerTeams ?? []).includes(access.team);

const handoffTargetOf = (state: Referral, handoffId: string | undefined) =>
  state.status === 'none' ? undefined : state.handoffs.find((h) => h.handoffId === handoffId)?.target;

/** Referrers and integrating systems see only the referrals they submitted. */
export function isCreator(actor: Actor, access: ReferralAccess): boolean {
  return hasRole(actor, 'referrer', 'integration') && access.createdBy === actor.sub;
}

function forbidden(action: ReferralAction, s: Standing) {
  const wrongPartner = action === 'answer_handoff' && hasRole(s.actor, 'integration');
  return Problems.forbidden(forbiddenDetail(action, s), wrongPartner ? 'HANDOFF.WRONG_PARTNER' : undefined);
}

function forbiddenDetail(action: ReferralAction, s: Standing): string {
  switch (action) {
    case 'answer_handoff':
      return hasRole(s.actor, 'integration')
        ? `This handoff was sent to ${s.handoffTarget}; only the partner that answers for ${s.handoffTarget} may answer it`
        : 'This referral is not on your caseload';
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
