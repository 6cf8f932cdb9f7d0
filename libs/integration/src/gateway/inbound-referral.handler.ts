import type { ReferralApplication } from '@app/application';
import { parseInboundReferral, receiveCommandOf } from '@app/contracts';
import type { IntakePolicy } from '@app/referral-domain';
import type { InboundMessage } from '@app/messaging';
import { readMessage } from './gateway-errors';
import { messageOrigin, sentAt } from './message-origin';
import { PartnerVerifier } from './partner-signature';

export type InboundOutcome = 'created' | 'duplicate';

/** The ids a message was answered with: its sender's, and the referral it concerns. */
export type SenderIds = { sourceSystem?: string; messageId?: string; referralId?: string };

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

  async handle(message: InboundMessage): Promise<{ outcome: InboundOutcome; ids: SenderIds }> {
    const { actor, partner } = this.partners.senderOf(message);
    const inbound = readMessage(() =>
      parseInboundReferral(message.value, message.headers, { sourceSystem: partner.id }),
    );
    // A bare FHIR message Bundle is the signing partner's own: its source system is the partner.
    if (inbound.sourceSystem !== partner.id) PartnerVerifier.checkSourceSystem(partner, inbound.sourceSystem);
    const result = await this.application.receive(
      messageOrigin(message, actor, inbound),
      inbound.referralId,
      (now) =>
        receiveCommandOf(inbound, now, inbound.referral.receivedAt ?? sentAt(message, now), this.intake()),
    );
    const { referralId, sourceSystem, messageId } = inbound;
    return {
      outcome: result.created ? 'created' : 'duplicate',
      ids: { referralId, sourceSystem, messageId },
    };
  }
}
