import { DLQ_HEADERS } from '@app/contracts';
import type { InboundMessage, OutboundMessage } from '@app/messaging';
import type { DeadLetterReason } from './gateway-errors';

const MAX_DETAIL = 2000;

/** The dead letter of a message: its key, value and headers unchanged, plus why and where it came from. */
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
    },
  };
}
