import { HEADERS, SCHEMA_VERSION, handoffRequestMessage, referralStatusMessage } from '@app/contracts';
import type { InboundOrigin, StatusEvent, TopicNames } from '@app/contracts';
import type { EventStore, StoredEvent } from '@app/event-store';
import { referralDecider } from '@app/referral-domain';
import type { HandoffRequested, OpenReferral, ReferralEvent } from '@app/referral-domain';
import type { OutboundMessage } from '@app/messaging';

const STATUS_EVENTS: ReadonlySet<string> = new Set<StatusEvent['type']>([
  'ReferralAccepted',
  'ReferralDeclined',
  'ReferralEnded',
]);

/** The event types that leave the service as messages. */
export const RELAYED_EVENTS: ReadonlySet<string> = new Set(['HandoffRequested', ...STATUS_EVENTS]);

/**
 * Turns stored events into outbound messages. Each message is built from the referral as it stood at
 * its event (the stream folded up to the event's version), so a republished message is identical.
 */
export class OutboundMessages {
  constructor(
    private readonly store: EventStore,
    private readonly topics: TopicNames,
  ) {}

  async for(event: StoredEvent): Promise<OutboundMessage[]> {
    if (!RELAYED_EVENTS.has(event.type)) return [];
    const history = await this.store.readStream(event.stream, { toVersion: event.version });
    const referral = history.reduce(
      (state, e) => referralDecider.evolve(state, e as unknown as ReferralEvent),
      referralDecider.initialState,
    );
    if (referral.status === 'none')
      throw new Error(`${event.type} at position ${event.position} has no ReferralReceived before it`);
    const domainEvent = { type: event.type, data: event.data } as ReferralEvent;
    if (domainEvent.type === 'HandoffRequested') return [this.handoff(event, referral, domainEvent)];
    return [this.status(event, referral, domainEvent as StatusEvent, origin(history[0]))];
  }

  private handoff(event: StoredEvent, referral: OpenReferral, handoff: HandoffRequested): OutboundMessage {
    return message(
      this.topics.handoffs[handoff.data.target],
      handoff.data.referralId,
      handoffRequestMessage(referral, handoff.data),
      event,
    );
  }

  private status(
    event: StoredEvent,
    referral: OpenReferral,
    status: StatusEvent,
    from: InboundOrigin | undefined,
  ): OutboundMessage {
    return message(
      this.topics.referralStatus,
      status.data.referralId,
      referralStatusMessage(referral, status, from),
      event,
    );
  }
}

function message(topic: string, key: string, payload: unknown, event: StoredEvent): OutboundMessage {
  return {
    topic,
    key,
    value: JSON.stringify(payload),
    headers: {
      [HEADERS.eventId]: event.metadata.eventId,
      [HEADERS.correlationId]: event.metadata.correlationId,
      [HEADERS.schemaVersion]: String(SCHEMA_VERSION),
      [HEADERS.messageType]: event.type,
      [HEADERS.contentType]: 'application/json',
    },
  };
}

/** The partner system and message a referral arrived in, when it came through the gateway. */
function origin(first: StoredEvent | undefined): InboundOrigin | undefined {
  const sourceSystem = first?.metadata.sourceSystem;
  const messageId = first?.metadata.messageId;
  return typeof sourceSystem === 'string' && typeof messageId === 'string'
    ? { sourceSystem, messageId }
    : undefined;
}
