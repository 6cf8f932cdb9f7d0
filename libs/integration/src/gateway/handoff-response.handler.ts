import type { ReferralApplication } from '@app/application';
import { parseHandoffResponse } from '@app/contracts';
import type { HandoffResponseMessageV1 } from '@app/contracts';
import type { Loaded } from '@app/event-store';
import type { AcknowledgeHandoff, Referral, RejectHandoff } from '@app/referral-domain';
import type { InboundMessage } from '@app/messaging';
import { GatewayRuleError, readMessage } from './gateway-errors';
import { messageOrigin, sentAt } from './message-origin';
import type { SenderIds } from './inbound-referral.handler';
import { PartnerVerifier } from './partner-signature';

export type ResponseOutcome = 'recorded' | 'duplicate';

/** Thrown before deciding when the stream already holds this message's event; nothing is written. */
class AlreadyApplied extends Error {}

/**
 * A `handoffs.responses.v1` message becomes AcknowledgeHandoff or RejectHandoff, handled by the same
 * use case as the HTTP answer. The signing partner must answer for the handoff's target (and the
 * message must name that target), and a resent
 * message (same source system and message id) is recognised in the stream and changes nothing.
 */
export class HandoffResponseHandler {
  constructor(
    private readonly application: ReferralApplication,
    private readonly partners: PartnerVerifier,
  ) {}

  async handle(message: InboundMessage): Promise<{ outcome: ResponseOutcome; ids: SenderIds }> {
    const { actor, partner } = this.partners.senderOf(message);
    const response = readMessage(() => parseHandoffResponse(message.value, message.headers));
    PartnerVerifier.checkSourceSystem(partner, response.sourceSystem);
    const ids = {
      referralId: response.referralId,
      sourceSystem: response.sourceSystem,
      messageId: response.messageId,
    };
    try {
      await this.application.handle(
        messageOrigin(message, actor, response),
        'answer_handoff',
        (now) => this.command(response, now, response.at ?? sentAt(message, now)),
        { guard: (loaded) => this.check(loaded, response) },
      );
      return { outcome: 'recorded', ids };
    } catch (error) {
      if (error instanceof AlreadyApplied) return { outcome: 'duplicate', ids };
      throw error;
    }
  }

  private command(r: HandoffResponseMessageV1, now: string, at: string): AcknowledgeHandoff | RejectHandoff {
    const base = { referralId: r.referralId, handoffId: r.handoffId, at, now };
    return r.outcome === 'acknowledged'
      ? { type: 'AcknowledgeHandoff', ...base, reference: r.reference }
      : { type: 'RejectHandoff', ...base, reason: r.reason };
  }

  private check({ state, events }: Loaded<Referral>, r: HandoffResponseMessageV1): void {
    if (
      events.some((e) => e.metadata.sourceSystem === r.sourceSystem && e.metadata.messageId === r.messageId)
    )
      throw new AlreadyApplied();
    const handoff =
      state.status === 'none' ? undefined : state.handoffs.find((h) => h.handoffId === r.handoffId);
    if (handoff && handoff.target !== r.target) {
      throw new GatewayRuleError(
        'HANDOFF.TARGET_MISMATCH',
        `The handoff was sent to ${handoff.target}; a ${r.target} service cannot answer it`,
      );
    }
  }
}
