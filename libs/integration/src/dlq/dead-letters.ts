import { DLQ_HEADERS, PARTNER_ID_HEADER } from '@app/contracts';
import type { TopicNames } from '@app/contracts';
import type { InboundMessage, KafkaMessaging, MessagePublisher, OutboundMessage } from '@app/messaging';
import { attemptsOf } from '../gateway/dead-letter';
import type { DeadLetterAttempt } from '../gateway/dead-letter';
import { readableIds } from '../gateway/readable-ids';

/** A dead letter as an operator sees it: where it sits, why it failed (every attempt), whose it is. No payload. */
export type DeadLetterView = {
  /** `<dead-letter topic>/<partition>/<offset>`: what `show` and `replay` take. */
  ref: string;
  originalTopic: string;
  originalRef: string;
  partner?: string;
  sourceSystem?: string;
  messageId?: string;
  referralId?: string;
  code: string;
  reason: string;
  failedAt: string;
  /** Every failure of this message, oldest first (more than one once a replay failed again). */
  attempts: DeadLetterAttempt[];
};

export const refOf = (m: { topic: string; partition: number; offset: string }) =>
  `${m.topic}/${m.partition}/${m.offset}`;

function view(m: InboundMessage): DeadLetterView {
  const h = m.headers;
  const code = h[DLQ_HEADERS.reasonCode] ?? 'UNKNOWN';
  const reason = h[DLQ_HEADERS.reason] ?? '';
  const failedAt = h[DLQ_HEADERS.failedAt] ?? '';
  const attempts = attemptsOf(h);
  return {
    ref: refOf(m),
    originalTopic: h[DLQ_HEADERS.originalTopic] ?? '',
    originalRef: `${h[DLQ_HEADERS.originalTopic]}/${h[DLQ_HEADERS.originalPartition]}/${h[DLQ_HEADERS.originalOffset]}`,
    partner: h[PARTNER_ID_HEADER],
    ...readableIds({ ...m, topic: h[DLQ_HEADERS.originalTopic] ?? m.topic }),
    code,
    reason,
    failedAt,
    attempts: attempts.length ? attempts : [{ code, reason, failedAt }],
  };
}

/** The original message of a dead letter, to send again: dead-letter headers replaced by its history. */
function replayOf(m: InboundMessage): OutboundMessage {
  const headers = Object.fromEntries(Object.entries(m.headers).filter(([name]) => !name.startsWith('dlq.')));
  const attempts = attemptsOf(m.headers);
  const history = attempts.length
    ? attempts
    : [
        {
          code: m.headers[DLQ_HEADERS.reasonCode] ?? 'UNKNOWN',
          reason: m.headers[DLQ_HEADERS.reason] ?? '',
          failedAt: m.headers[DLQ_HEADERS.failedAt] ?? '',
        },
      ];
  return {
    topic: m.headers[DLQ_HEADERS.originalTopic] ?? '',
    key: m.key,
    value: m.value,
    headers: {
      ...headers,
      [DLQ_HEADERS.history]: JSON.stringify(history),
      [DLQ_HEADERS.replayedFrom]: refOf(m),
    },
  };
}

export type ReplayResult = {
  replayed: { ref: string; to: string }[];
  skipped: { ref: string; why: string }[];
};

/**
 * Inspecting and replaying dead letters. A replay sends the original key, value and partner signature
 * back to the topic it came from, so the gateway handles it as it would any message: a referral already
 * received is recognised as a resend (replays are idempotent), and a message that fails again returns to
 * the dead-letter topic with every attempt's reason.
 */
export class DeadLetters {
  constructor(
    private readonly messaging: Pick<KafkaMessaging, 'readTopic'>,
    private readonly publisher: MessagePublisher,
    private readonly topics: TopicNames,
  ) {}

  private get dlqTopics(): string[] {
    return [this.topics.referralsInboundDlq, this.topics.handoffResponsesDlq];
  }

  private async all(): Promise<InboundMessage[]> {
    return (await Promise.all(this.dlqTopics.map((t) => this.messaging.readTopic(t)))).flat();
  }

  async list(filter: { code?: string } = {}): Promise<DeadLetterView[]> {
    return (await this.all()).map(view).filter((v) => !filter.code || v.code === filter.code);
  }

  /** One dead letter; its payload (which may hold personal data) only when asked for. */
  async show(ref: string, withPayload = false): Promise<(DeadLetterView & { payload?: string }) | undefined> {
    const found = (await this.all()).find((m) => refOf(m) === ref);
    if (!found) return undefined;
    return { ...view(found), ...(withPayload ? { payload: found.value?.toString() ?? '' } : {}) };
  }

  /** Replays the dead letters named (or, with `code`, every one with that reason code). */
  async replay(selection: { refs?: string[]; code?: string }): Promise<ReplayResult> {
    const letters = await this.all();
    const wanted = (m: InboundMessage) =>
      selection.refs
        ? selection.refs.includes(refOf(m))
        : selection.code
          ? m.headers[DLQ_HEADERS.reasonCode] === selection.code
          : false;
    const chosen = letters.filter(wanted);
    const skipped = (selection.refs ?? [])
      .filter((ref) => !letters.some((m) => refOf(m) === ref))
      .map((ref) => ({ ref, why: 'no such dead letter' }));
    const valid = new Set<string>([this.topics.referralsInbound, this.topics.handoffResponses]);
    const replays = chosen.map((m) => ({ m, out: replayOf(m) }));
    for (const { m, out } of replays)
      if (!valid.has(out.topic))
        skipped.push({
          ref: refOf(m),
          why: `its original topic ${out.topic || '(none)'} is not an inbound topic`,
        });
    const sendable = replays.filter(({ out }) => valid.has(out.topic));
    if (sendable.length) await this.publisher.publish(sendable.map(({ out }) => out));
    return { replayed: sendable.map(({ m, out }) => ({ ref: refOf(m), to: out.topic })), skipped };
  }
}
