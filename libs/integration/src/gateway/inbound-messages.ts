import type { ReferralApplication } from '@app/application';
import type { IntegrationPartner } from '@app/config';
import type { TopicNames } from '@app/contracts';
import type { InboundMessage } from '@app/messaging';
import type { IntakePolicy } from '@app/referral-domain';
import { deadLetterReason } from './gateway-errors';
import type { DeadLetterReason } from './gateway-errors';
import { HandoffResponseHandler } from './handoff-response.handler';
import { InboundReferralHandler } from './inbound-referral.handler';
import type { SenderIds } from './inbound-referral.handler';
import { readableIds } from './readable-ids';
import { PartnerVerifier } from './partner-signature';

/** What became of an inbound message: applied, recognised as a resend, or refused with a reason. */
export type InboundResult = { ids: SenderIds } & (
  { outcome: 'created' | 'recorded' | 'duplicate' } | { outcome: 'dead_letter'; reason: DeadLetterReason }
);

/**
 * The Kafka adapter's core, without the consumer: an inbound referral or handoff response (by its
 * topic) applied through the application layer. A message that may never be applied resolves to its
 * dead-letter reason; an outage (the store down) rejects, for the consumer to retry the same message.
 */
export class InboundMessages {
  private readonly referrals: InboundReferralHandler;
  private readonly responses: HandoffResponseHandler;

  constructor(
    private readonly topics: TopicNames,
    application: ReferralApplication,
    intake: () => IntakePolicy,
    partners: readonly IntegrationPartner[],
  ) {
    const verifier = new PartnerVerifier(partners);
    this.referrals = new InboundReferralHandler(application, intake, verifier);
    this.responses = new HandoffResponseHandler(application, verifier);
  }

  async apply(message: InboundMessage): Promise<InboundResult> {
    try {
      return message.topic === this.topics.referralsInbound
        ? await this.referrals.handle(message)
        : await this.responses.handle(message);
    } catch (error) {
      const reason = deadLetterReason(error);
      if (!reason) throw error;
      return { outcome: 'dead_letter', reason, ids: readableIds(message) };
    }
  }
}
