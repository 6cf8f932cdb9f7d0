import type { AcknowledgeHandoff, RejectHandoff, RequestHandoff } from './referral.commands';
import { ReferralErrors } from './referral.errors';
import type { ReferralEvent } from './referral.events';
import { requireStatus } from './referral.guards';
import type { HandoffState, OpenReferral } from './referral.state';
import type { ConsentScope } from './referral.vocabulary';

export function decideHandoff(
  c: RequestHandoff | AcknowledgeHandoff | RejectHandoff,
  s: OpenReferral,
): ReferralEvent[] {
  switch (c.type) {
    case 'RequestHandoff':
      return request(c, s);
    case 'AcknowledgeHandoff': {
      openHandoff(s, c.handoffId);
      return [
        {
          type: 'HandoffAcknowledged',
          data: { referralId: c.referralId, handoffId: c.handoffId, at: c.at, reference: c.reference },
        },
      ];
    }
    case 'RejectHandoff': {
      openHandoff(s, c.handoffId);
      return [
        {
          type: 'HandoffRejected',
          data: { referralId: c.referralId, handoffId: c.handoffId, at: c.at, reason: c.reason },
        },
      ];
    }
  }
}

/** Sharing needs the matching consent scope, or a recorded safeguarding justification (Caldicott: duty to share). */
function request(c: RequestHandoff, s: OpenReferral): ReferralEvent[] {
  requireStatus(s, ['accepted', 'active'], ReferralErrors.notOpen, 'Requesting a handoff');
  const scope: ConsentScope = `share_with_${c.target}`;
  const consented = s.consent.scopes.includes(scope);
  const justification = c.safeguarding?.justification.trim();
  if (!consented && !justification) {
    throw ReferralErrors.consentRequired(
      `Sharing with ${c.target} needs consent scope ${scope} or a safeguarding justification`,
    );
  }
  const { referralId, handoffId, at, target, reason, urgency } = c;
  return [
    {
      type: 'HandoffRequested',
      data: {
        referralId,
        handoffId,
        at,
        target,
        reason,
        urgency,
        consentScope: consented ? scope : null,
        safeguarding: justification ? { justification } : undefined,
      },
    },
  ];
}

function openHandoff(s: OpenReferral, handoffId: string): HandoffState {
  const handoff = s.handoffs.find((h) => h.handoffId === handoffId);
  if (!handoff) throw ReferralErrors.handoffNotFound(`No handoff ${handoffId} on this referral`);
  if (handoff.status !== 'requested') {
    throw ReferralErrors.handoffAlreadyAnswered(`Handoff ${handoffId} was already ${handoff.status}`);
  }
  return handoff;
}
