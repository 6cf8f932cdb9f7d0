import { HEADERS, SCHEMA_VERSION, handoffRequestMessage, referralStatusMessage } from '@app/contracts';
import type { InboundOrigin, StatusEvent, TopicNames } from '@app/contracts';
import type { EventStore, StoredEvent } from '@app/event-store';
import { referralDecider } from '@app/referral-domain';
import type { HandoffRequested, OpenReferral, ReferralEvent } from '@app/referral-domain';
import type { OutboundMessage } from '@app/messaging';
import { ERASED, UNREADABLE } from '@app/privacy';
import { FoldedReferrals } from './folded-referrals';
import type { FoldedReferral } from './folded-referrals';

const STATUS_EVENTS: ReadonlySet<string> = new Set<StatusEvent['type']>([
  'ReferralAccepted',
  'ReferralDeclined',
  'ReferralWithdrawn',
  'ReferralEnded',
]);

/** The event types that leave the service as messages. */
export const RELAYED_EVENTS: ReadonlySet<string> = new Set(['HandoffRequested', ...STATUS_EVENTS]);

/** Referrals kept folded by default: enough for the ones in flight, a few megabytes at most. */
export const FOLDED_REFERRALS = 2000;

const START: FoldedReferral = { version: 0, referral: referralDecider.initialState, origin: undefined };

/**
 * Turns stored events into outbound messages. Each message is built from the referral as it stood at
 * its event (the stream folded up to the event's version), so a republished message is identical.
 * Give it every event in position order: it folds each referral as it goes (see `FoldedReferrals`)
 * and reads a referral's stream only when it has not seen the events before the one to send.
 */
export class OutboundMessages {
  private readonly folded: FoldedReferrals;

  constructor(
    private readonly store: EventStore,
    private readonly topics: TopicNames,
    foldedReferrals = FOLDED_REFERRALS,
  ) {
    this.folded = new FoldedReferrals(foldedReferrals);
  }

  async for(event: StoredEvent): Promise<OutboundMessage[]> {
    const relayed = RELAYED_EVENTS.has(event.type);
    const folded = await this.fold(event, relayed);
    if (!relayed || folded === undefined) return [];
    const { referral, origin: from } = folded;
    if (referral.status === 'none')
      throw new Error(`${event.type} at position ${event.position} has no ReferralReceived before it`);
    const domainEvent = { type: event.type, data: event.data } as ReferralEvent;
    if (domainEvent.type === 'HandoffRequested') return [this.handoff(event, referral, domainEvent)];
    return [this.status(event, referral, domainEvent as StatusEvent, from)];
  }

  /** The referral as it stood at `event`; undefined for an event that is not sent and whose referral is not held. */
  private async fold(event: StoredEvent, relayed: boolean): Promise<FoldedReferral | undefined> {
    // Erased personal data must not live on in memory: later messages read the stream, as erased.
    if (event.type === 'PersonalDataErased') {
      this.folded.forget(event.stream);
      return undefined;
    }
    // A handoff read after its referral's key was destroyed shows its own fields erased: then the
    // names folded before must not go out either, so the stream is read as it reads now.
    const held = readAfterErasure(event)
      ? undefined
      : (this.folded.before(event.stream, event.version) ?? (event.version === 1 ? START : undefined));
    let next: FoldedReferral;
    if (held !== undefined) {
      next = {
        version: event.version,
        referral: referralDecider.evolve(held.referral, event as unknown as ReferralEvent),
        origin: event.version === 1 ? origin(event) : held.origin,
      };
    } else if (relayed) {
      next = await this.read(event);
    } else {
      return undefined;
    }
    if (next.referral.status !== 'none') this.folded.keep(event.stream, next);
    return next;
  }

  private async read(event: StoredEvent): Promise<FoldedReferral> {
    const history = await this.store.readStream(event.stream, { toVersion: event.version });
    const referral = history.reduce(
      (state, e) => referralDecider.evolve(state, e as unknown as ReferralEvent),
      referralDecider.initialState,
    );
    return { version: event.version, referral, origin: origin(history[0]) };
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

function readAfterErasure(event: StoredEvent): boolean {
  if (event.type !== 'HandoffRequested') return false;
  const reason = (event.data as { reason?: unknown }).reason;
  return reason === ERASED || reason === UNREADABLE;
}

/** The partner system and message a referral arrived in, when it came through the gateway. */
function origin(first: StoredEvent | undefined): InboundOrigin | undefined {
  const sourceSystem = first?.metadata.sourceSystem;
  const messageId = first?.metadata.messageId;
  return typeof sourceSystem === 'string' && typeof messageId === 'string'
    ? { sourceSystem, messageId }
    : undefined;
}
