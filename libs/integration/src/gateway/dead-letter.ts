import {
  DLQ_HEADERS,
  FORMATS,
  HEADERS,
  INTAKE_ACK_TYPES,
  SCHEMA_VERSION,
  intakeAck,
  uuidV5,
} from '@app/contracts';
import type { TopicNames } from '@app/contracts';
import type { InboundMessage, OutboundMessage } from '@app/messaging';
import type { DeadLetterReason } from './gateway-errors';
import type { InboundResult } from './inbound-messages';

const MAX_DETAIL = 2000;

/** One failure of a message, as the dead-letter history header records it. */
export type DeadLetterAttempt = { code: string; reason: string; failedAt: string };

/** The earlier failures a replayed message carries (none for a first delivery or an unreadable header). */
export function attemptsOf(headers: Record<string, string>): DeadLetterAttempt[] {
  try {
    const parsed: unknown = JSON.parse(headers[DLQ_HEADERS.history] ?? '[]');
    return Array.isArray(parsed) ? (parsed as DeadLetterAttempt[]) : [];
  } catch {
    return [];
  }
}

/**
 * The dead letter of a message: its key, value and headers unchanged, plus why and where it came from.
 * A replayed message that fails again keeps every earlier attempt's reason in `dlq.history`.
 */
export function deadLetter(
  dlqTopic: string,
  message: InboundMessage,
  reason: DeadLetterReason,
  groupId: string,
  now: string,
): OutboundMessage {
  return {
    topic: dlqTopic,
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [DLQ_HEADERS.reasonCode]: reason.code,
      [DLQ_HEADERS.reason]: reason.detail.slice(0, MAX_DETAIL),
      [DLQ_HEADERS.originalTopic]: message.topic,
      [DLQ_HEADERS.originalPartition]: String(message.partition),
      [DLQ_HEADERS.originalOffset]: message.offset,
      [DLQ_HEADERS.originalTimestamp]: message.timestamp,
      [DLQ_HEADERS.consumerGroup]: groupId,
      [DLQ_HEADERS.failedAt]: now,
      [DLQ_HEADERS.history]: JSON.stringify([
        ...attemptsOf(message.headers),
        { code: reason.code, reason: reason.detail.slice(0, MAX_DETAIL), failedAt: now },
      ]),
    },
  };
}

/**
 * The answer to an inbound message on the status topic, keyed by its referral (else its message id) so it
 * is ordered with that referral's later status messages. Its eventId derives from where the message was
 * read: a redelivered answer carries the same id, for the sender to drop.
 */
export function acknowledgement(
  topics: TopicNames,
  message: InboundMessage,
  result: InboundResult,
  now: string,
): OutboundMessage {
  const { referralId, sourceSystem, messageId } = result.ids;
  const inReplyTo = {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    sourceSystem,
    messageId,
  };
  const ack =
    result.outcome === 'dead_letter'
      ? intakeAck({
          status: 'rejected',
          inReplyTo,
          at: now,
          referralId,
          rejection: {
            code: result.reason.code,
            reason: result.reason.detail.slice(0, MAX_DETAIL),
            issues: result.reason.issues,
          },
        })
      : intakeAck({
          status: 'received',
          inReplyTo,
          at: now,
          referralId,
          alreadyReceived: result.outcome === 'duplicate',
        });
  const where = `${message.topic}\n${message.partition}\n${message.offset}`;
  return {
    topic: topics.referralStatus,
    key: referralId ?? messageId ?? where,
    value: JSON.stringify(ack),
    headers: {
      [HEADERS.eventId]: uuidV5(`ack\n${where}`),
      [HEADERS.correlationId]: FORMATS.correlationId.test(message.headers.correlationId ?? '')
        ? message.headers.correlationId!
        : uuidV5(`ack\n${where}`),
      [HEADERS.schemaVersion]: String(SCHEMA_VERSION),
      [HEADERS.messageType]: INTAKE_ACK_TYPES[ack.status],
      [HEADERS.contentType]: 'application/json',
    },
  };
}
