import type { ReferralApplication } from '@app/application';
import { parseInboundReferral } from '@app/contracts';
import type { InboundReferral } from '@app/contracts';
import type { IntakePolicy, ReceiveReferral } from '@app/referral-domain';
import type { InboundMessage } from '@app/messaging';
import { readMessage } from './gateway-errors';
import { messageOrigin, sentAt } from './message-origin';
import { PartnerVerifier } from './partner-signature';

export type InboundOutcome = 'created' | 'duplicate';

/**
 * A `referrals.inbound.v1` message becomes a ReceiveReferral command, received by the same use case
 * as `POST /v1/referrals`, once its partner's signature verifies and the partner may speak for the
 * source system it names. The referral id comes from (source system, message id): a resent message
 * finds its referral and changes nothing; the same ids with other content is refused.
 */
export class InboundReferralHandler {
  constructor(
    private readonly application: ReferralApplication,
    private readonly intake: () => IntakePolicy,
    private readonly partners: PartnerVerifier,
  ) {}

  async handle(message: InboundMessage): Promise<InboundOutcome> {
    const { actor, partner } = this.partners.senderOf(message);
    const inbound = readMessage(() => parseInboundReferral(message.value, message.headers));
    PartnerVerifier.checkSourceSystem(partner, inbound.sourceSystem);
    const result = await this.application.receive(
      messageOrigin(message, actor, inbound),
      inbound.referralId,
      (now) => this.command(inbound, now, inbound.referral.receivedAt ?? sentAt(message, now)),
    );
    return result.created ? 'created' : 'duplicate';
  }

  private command(inbound: InboundReferral, now: string, receivedAt: string): ReceiveReferral {
    const r = inbound.referral;
    return {
      type: 'ReceiveReferral',
      referralId: inbound.referralId,
      now,
      policy: this.intake(),
      receivedAt,
      source: r.source,
      youngPerson: r.youngPerson,
      parentCarer: r.parentCarer,
      reasons: r.reasons,
      pcnCode: r.pcnCode,
      schoolUrn: r.schoolUrn,
      urgency: r.urgency ?? 'routine',
      notes: r.notes,
    };
  }
}
