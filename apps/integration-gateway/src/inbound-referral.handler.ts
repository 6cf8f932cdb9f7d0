import { parseInboundReferral } from '@app/contracts';
import type { InboundReferral } from '@app/contracts';
import { DeciderStore, WrongExpectedVersionError } from '@app/event-store';
import { referralDecider, referralStreamName } from '@app/referral-domain';
import type { IntakePolicy, ReceiveReferral } from '@app/referral-domain';
import type { InboundMessage } from '@app/messaging';
import { GatewayRuleError, readMessage } from './gateway-errors';
import type { GatewayClock } from './inbound-context';
import { inboundMetadata, sentAt } from './inbound-context';

export type InboundOutcome = 'created' | 'duplicate';

/**
 * A `referrals.inbound.v1` message becomes a ReceiveReferral command decided by the referral decider,
 * as `POST /v1/referrals` does. The referral id comes from (source system, message id): a resent
 * message finds its referral and changes nothing; the same ids with other content is refused.
 */
export class InboundReferralHandler {
  constructor(
    private readonly deciderStore: DeciderStore,
    private readonly clock: GatewayClock,
    private readonly intake: () => IntakePolicy,
  ) {}

  async handle(message: InboundMessage): Promise<InboundOutcome> {
    const inbound = readMessage(() => parseInboundReferral(message.value, message.headers));
    const now = this.clock.now();
    const command = this.command(inbound, now, inbound.referral.receivedAt ?? sentAt(message, now));
    const stream = referralStreamName(inbound.referralId);
    try {
      await this.deciderStore.handle(referralDecider, stream, command, {
        expectedVersion: 'no_stream',
        metadata: () => inboundMetadata(message, inbound, this.clock, command.receivedAt),
      });
      return 'created';
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      return this.existing(stream, inbound);
    }
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

  private async existing(stream: string, inbound: InboundReferral): Promise<InboundOutcome> {
    const { events } = await this.deciderStore.load(referralDecider, stream);
    const first = events[0]?.metadata;
    if (
      first?.sourceSystem === inbound.sourceSystem &&
      first.messageId === inbound.messageId &&
      first.contentHash === inbound.contentHash
    ) {
      return 'duplicate';
    }
    throw new GatewayRuleError(
      'REFERRAL.ALREADY_EXISTS',
      'A referral from this source system with this message id already exists with different content',
    );
  }
}
