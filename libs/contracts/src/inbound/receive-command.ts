import type { IntakePolicy, ReceiveReferral } from '@app/referral-domain';
import type { InboundReferral } from './inbound-referral.message';

/** The ReceiveReferral command of a parsed inbound referral, over Kafka or the FHIR HTTP routes alike. */
export function receiveCommandOf(
  inbound: InboundReferral,
  now: string,
  receivedAt: string,
  policy: IntakePolicy,
): ReceiveReferral {
  const r = inbound.referral;
  return {
    type: 'ReceiveReferral',
    referralId: inbound.referralId,
    now,
    policy,
    receivedAt,
    source: r.source,
    youngPerson: r.youngPerson,
    parentCarer: r.parentCarer,
    reasons: r.reasons,
    ...(r.reasonsAsSent && { reasonsAsSent: r.reasonsAsSent }),
    pcnCode: r.pcnCode,
    schoolUrn: r.schoolUrn,
    urgency: r.urgency ?? 'routine',
    notes: r.notes,
  };
}
