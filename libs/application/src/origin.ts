import type { EventMetadata, EventMetadataInput } from '@app/event-store';
import { REFERRAL_EVENT_SCHEMA_VERSION } from '@app/referral-domain';
import type { ReferralEvent } from '@app/referral-domain';
import type { Actor } from './actor';
import type { CorrectionReason } from './backdating';
import type { Clock, IdGenerator } from './clock';

/**
 * A command from an authenticated caller: over HTTP, or from a job of the service (the retention
 * job) acting as a system actor. The metadata records the caller and the correlation id.
 */
export type HttpOrigin = {
  channel: 'http' | 'job';
  actor: Actor;
  correlationId: string;
  causationId?: string;
  /** SHA-256 of the canonical request body, recorded on a create so a retry can be recognised. */
  requestHash?: string;
  /** A service manager recording a time older than the back-dating window says why. */
  correction?: { reason: CorrectionReason };
};

/**
 * A command that came over Kafka: the actor is the partner whose signature the message carries (never
 * a name taken from the payload); `sourceSystem` is the system the payload says sent it, which that
 * partner is allowed to speak for.
 */
export type MessageOrigin = {
  channel: 'kafka';
  actor: Actor;
  sourceSystem: string;
  messageId: string;
  /** SHA-256 of the message's canonical content, recorded on a create so a resend can be recognised. */
  contentHash?: string;
  /** The partner's correlation id when it sent a valid one; otherwise a new one is made. */
  correlationId?: string;
  kafka: { topic: string; partition: number; offset: string };
};

/** Where a command came from; recorded in the metadata of every event it causes. */
export type Origin = HttpOrigin | MessageOrigin;

/** The caller an origin acts as, for access decisions. */
export function actorOf(origin: Origin): Actor {
  return origin.actor;
}

/** When an event happened: the time its command says (`at`, or `receivedAt` on intake), else now. */
function occurredAt(event: ReferralEvent, clock: Clock): string {
  const data = event.data as { at?: string; receivedAt?: string };
  return data.at ?? data.receivedAt ?? clock.now();
}

/** Builds event metadata for the events of one command from one origin (one correlation id for all). */
export function metadataFrom(
  origin: Origin,
  deps: { clock: Clock; ids: IdGenerator },
): (event: ReferralEvent) => EventMetadataInput {
  const actor = actorOf(origin);
  const correlationId = origin.correlationId ?? deps.ids.uuid();
  const common = (event: ReferralEvent) => ({
    eventId: deps.ids.uuid(),
    occurredAt: occurredAt(event, deps.clock),
    actor: { sub: actor.sub, roles: [...actor.roles] },
    correlationId,
    schemaVersion: REFERRAL_EVENT_SCHEMA_VERSION,
  });
  if (origin.channel !== 'kafka') {
    return (event) => ({
      ...(origin.requestHash ? { requestHash: origin.requestHash } : {}),
      ...common(event),
      causationId: origin.causationId ?? correlationId,
    });
  }
  return (event) => ({
    ...common(event),
    causationId: origin.messageId,
    channel: 'kafka',
    sourceSystem: origin.sourceSystem,
    messageId: origin.messageId,
    ...(origin.contentHash ? { contentHash: origin.contentHash } : {}),
    kafka: origin.kafka,
  });
}

/**
 * Whether a stream's first event was written by this same request: over HTTP the same caller with
 * the same body, over Kafka the same source system, message id and content.
 */
export function isSameRequest(origin: Origin, first: EventMetadata | undefined): boolean {
  if (!first) return false;
  if (origin.channel !== 'kafka') {
    return first.requestHash === origin.requestHash && first.actor.sub === origin.actor.sub;
  }
  return (
    first.sourceSystem === origin.sourceSystem &&
    first.messageId === origin.messageId &&
    first.contentHash === origin.contentHash
  );
}
