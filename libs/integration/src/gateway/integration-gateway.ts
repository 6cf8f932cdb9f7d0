import type { TopicNames } from '@app/contracts';
import type { ReferralApplication } from '@app/application';
import type { IntakePolicy } from '@app/referral-domain';
import type {
  ConsumerGroup,
  ConsumerGroupStatus,
  InboundMessage,
  MessagePublisher,
  Messaging,
  MessagingLog,
  TopicSpec,
} from '@app/messaging';
import { acknowledgement, deadLetter } from './dead-letter';
import type { GatewayClock } from './message-origin';
import { InboundMessages } from './inbound-messages';
import type { IntegrationPartner } from '@app/config';

/** The consumer group of the gateway, `<app>.<purpose>`, before the deployment's prefix. */
export const GATEWAY_GROUP = 'integration-gateway.inbound';

export type GatewayDeps = {
  messaging: Messaging;
  /** Publishes dead letters; shared with the relay when both run in one process. */
  publisher: MessagePublisher;
  /** The use cases the HTTP API also calls: receive a referral, handle a command. */
  application: ReferralApplication;
  topics: TopicNames;
  groupId: string;
  clock: GatewayClock;
  intake: () => IntakePolicy;
  /** The partners whose signed messages are accepted (`INTEGRATION_PARTNERS`). */
  partners: readonly IntegrationPartner[];
  log: MessagingLog;
  /** Told of every dead letter once it is published: the source topic and the reason code (e.g. for metrics). */
  onDeadLetter?: (topic: string, reasonCode: string) => void;
};

export type GatewayStatus = ConsumerGroupStatus & {
  created: number;
  duplicates: number;
  recorded: number;
  deadLettered: number;
};

/**
 * Consumes inbound referrals and handoff responses as one consumer group. A message is applied through
 * the decider (or dead-lettered with its reason) before its offset is committed; a failure of the store
 * or the broker is retried on the same message, so nothing is skipped and nothing is dropped silently.
 */
export class IntegrationGateway {
  private group: ConsumerGroup | undefined;
  private readonly counts = { created: 0, duplicates: 0, recorded: 0, deadLettered: 0 };
  private readonly inbound: InboundMessages;

  constructor(private readonly deps: GatewayDeps) {
    this.inbound = new InboundMessages(deps.topics, deps.application, deps.intake, deps.partners);
  }

  /** The topics the gateway reads and dead-letters to; dead letters are kept until someone deletes them. */
  static topics(topics: TopicNames): TopicSpec[] {
    return [
      { name: topics.referralsInbound },
      { name: topics.handoffResponses },
      { name: topics.referralsInboundDlq, retentionMs: -1 },
      { name: topics.handoffResponsesDlq, retentionMs: -1 },
    ];
  }

  start(): ConsumerGroup {
    const { topics, groupId } = this.deps;
    this.group = this.deps.messaging.consume({
      groupId,
      topics: [topics.referralsInbound, topics.handoffResponses],
      fromBeginning: true,
      partitionsConcurrently: 3,
      handle: (message) => this.handle(message),
    });
    return this.group;
  }

  status(): GatewayStatus {
    return { ...(this.group?.status() ?? { state: 'stopped', handled: 0 }), ...this.counts };
  }

  async stop(): Promise<void> {
    await this.group?.stop();
  }

  private async handle(message: InboundMessage): Promise<void> {
    const where = { topic: message.topic, partition: message.partition, offset: message.offset };
    const result = await this.inbound.apply(message);
    const now = this.deps.clock.now();
    if (result.outcome !== 'dead_letter') {
      const applied = result.outcome !== 'duplicate';
      // The answer first: a failed publish retries the message, which is then a recognised resend.
      await this.deps.publisher.publish([acknowledgement(this.deps.topics, message, result, now)]);
      this.counts[result.outcome === 'duplicate' ? 'duplicates' : result.outcome] += 1;
      this.deps.log(
        applied ? 'info' : 'debug',
        LOG_LINES[message.topic === this.deps.topics.referralsInbound ? 'referral' : 'response'][
          applied ? 0 : 1
        ],
        where,
      );
      return;
    }
    const { reason } = result;
    const dlq =
      message.topic === this.deps.topics.referralsInbound
        ? this.deps.topics.referralsInboundDlq
        : this.deps.topics.handoffResponsesDlq;
    await this.deps.publisher.publish([
      deadLetter(dlq, message, reason, this.deps.groupId, now),
      acknowledgement(this.deps.topics, message, result, now),
    ]);
    this.counts.deadLettered += 1;
    this.deps.onDeadLetter?.(message.topic, reason.code);
    // The code only: details may quote what the partner sent.
    this.deps.log('warn', 'Inbound message dead-lettered', { ...where, code: reason.code });
  }
}

const LOG_LINES = {
  referral: ['Inbound referral received', 'Inbound referral already received'],
  response: ['Handoff response recorded', 'Handoff response already recorded'],
} as const;
