import type { Actor, MessageOrigin } from '@app/application';
import { FORMATS } from '@app/contracts';
import type { InboundMessage } from '@app/messaging';

/** Time and ids the gateway hands to the domain, as the HTTP adapter does. */
export type GatewayClock = { now: () => string; uuid: () => string };

/**
 * When the partner sent the message: the broker timestamp, but never later than now, so a sender's
 * fast clock cannot put the event in the future.
 */
export function sentAt(message: InboundMessage, now: string): string {
  const ms = Number(message.timestamp);
  // Beyond ±8.64e15 ms a Date is invalid; a partner's clock can send anything.
  if (!Number.isFinite(ms) || ms <= 0 || ms > 8.64e15) return now;
  const iso = new Date(ms).toISOString();
  return iso < now ? iso : now;
}

/**
 * Where an inbound message came from and who sent it (the partner that signed it), recorded in the metadata of every event it
 * causes: the partner's correlation id when valid, and the topic, partition and offset it was read at.
 */
export function messageOrigin(
  message: InboundMessage,
  actor: Actor,
  sender: { sourceSystem: string; messageId: string; contentHash?: string },
): MessageOrigin {
  const given = message.headers.correlationId;
  return {
    channel: 'kafka',
    actor,
    sourceSystem: sender.sourceSystem,
    messageId: sender.messageId,
    contentHash: sender.contentHash,
    correlationId: given !== undefined && FORMATS.correlationId.test(given) ? given : undefined,
    kafka: { topic: message.topic, partition: message.partition, offset: message.offset },
  };
}
