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
  const assignedToMe = state.status !== 'none' && state.linkWorkerId === actor.sub;
  const awaitingTriage = state.status === 'received';
  // Unknown referrals fall through to the decider, which answers 404.
  const triageable = awaitingTriage || assignedToMe || state.status === 'none';
  const allowed = ((): boolean => {
    switch (action) {
      case 'create':
        return true;
      case 'read':
        return (
          hasRole(actor, 'auditor') ||
          (hasRole(actor, 'link_worker') && triageable) ||
          isCreator(actor, access) ||
          state.status === 'none'
        );
      case 'read_history':
        return hasRole(actor, 'auditor') || state.status === 'none';
      case 'accept':
        return hasRole(actor, 'link_worker') && triageable && target?.linkWorkerId === actor.sub;
      case 'decline':
        return hasRole(actor, 'link_worker') && triageable;
      case 'assign':
      case 'records':
        return false;
      case 'care':
        return hasRole(actor, 'link_worker') && (assignedToMe || state.status === 'none');
      case 'answer_handoff':
        return (
          hasRole(actor, 'integration') ||
          (hasRole(actor, 'link_worker') && (assignedToMe || state.status === 'none'))
        );
    }
  })();
  if (!allowed) throw Problems.forbidden(forbiddenDetail(action));
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
