import { FORMATS } from '@app/contracts';
import type { EventMetadataInput } from '@app/event-store';
import { REFERRAL_EVENT_SCHEMA_VERSION } from '@app/referral-domain';
import type { InboundMessage } from '@app/messaging';

/** Time, ids and service policy the gateway hands to the domain, as the HTTP handlers do. */
export type GatewayClock = { now: () => string; uuid: () => string };

/** Where an inbound message came from and who sent it, recorded in the metadata of every event it causes. */
export type Origin = { sourceSystem: string; messageId: string; contentHash?: string };

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

/** Event metadata of a command that came over Kafka: the partner system is the actor, with the integration role. */
export function inboundMetadata(
  message: InboundMessage,
  origin: Origin,
  clock: GatewayClock,
  occurredAt: string,
): EventMetadataInput {
  const given = message.headers.correlationId;
  const correlationId = given !== undefined && FORMATS.correlationId.test(given) ? given : clock.uuid();
  return {
    eventId: clock.uuid(),
    occurredAt,
    actor: { sub: origin.sourceSystem, roles: ['integration'] },
    correlationId,
    causationId: origin.messageId,
    schemaVersion: REFERRAL_EVENT_SCHEMA_VERSION,
    channel: 'kafka',
    sourceSystem: origin.sourceSystem,
    messageId: origin.messageId,
    ...(origin.contentHash ? { contentHash: origin.contentHash } : {}),
    kafka: { topic: message.topic, partition: message.partition, offset: message.offset },
  };
}
