import {
  HEADERS,
  SCHEMA_VERSION,
  handoffFhirMessage,
  handoffRequestMessage,
  handoffTaskUpdate,
  referralStatusMessage,
} from '@app/contracts';
import type { HandoffFormat } from '@app/config';
import type { InboundOrigin, StatusEvent, TopicNames } from '@app/contracts';
import type { EventStore, StoredEvent } from '@app/event-store';
import { referralDecider } from '@app/referral-domain';
import type {
  HandoffAcknowledged,
  HandoffRejected,
  HandoffRequested,
  HandoffTarget,
  OpenReferral,
  ReferralEvent,
} from '@app/referral-domain';
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

/** Answers to a handoff, sent as Task updates to targets that take FHIR. */
const TASK_EVENTS: ReadonlySet<string> = new Set(['HandoffAcknowledged', 'HandoffRejected']);

export type HandoffFormats = Record<HandoffTarget, HandoffFormat>;
const NATIVE_ONLY: HandoffFormats = { camhs: 'native', mhst: 'native', school: 'native' };

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
    private readonly formats: HandoffFormats = NATIVE_ONLY,
  ) {
    this.folded = new FoldedReferrals(foldedReferrals);
    this.fhirTargets = Object.values(formats).some((f) => f !== 'native');
  }

  private readonly fhirTargets: boolean;

  async for(event: StoredEvent): Promise<OutboundMessage[]> {
    const relayed = RELAYED_EVENTS.has(event.type) || (this.fhirTargets && TASK_EVENTS.has(event.type));
    const folded = await this.fold(event, relayed);
    if (!relayed || folded === undefined) return [];
    const { referral, origin: from } = folded;
    if (referral.status === 'none')
      throw new Error(`${event.type} at position ${event.position} has no ReferralReceived before it`);
    const domainEvent = { type: event.type, data: event.data } as ReferralEvent;
    if (domainEvent.type === 'HandoffRequested') return this.handoff(event, referral, domainEvent);
    if (domainEvent.type === 'HandoffAcknowledged' || domainEvent.type === 'HandoffRejected')
      return this.taskUpdate(event, referral, domainEvent);
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

  /** The handoff on its target's topic: native JSON, a FHIR message Bundle, or both, as the target is configured. */
  private handoff(event: StoredEvent, referral: OpenReferral, handoff: HandoffRequested): OutboundMessage[] {
    const { target, referralId } = handoff.data;
    const native = handoffRequestMessage(referral, handoff.data);
    const format = this.formats[target];
    return [
      ...(format !== 'fhir-r4' ? [message(this.topics.handoffs[target], referralId, native, event)] : []),
      ...(format !== 'native'
        ? [
            fhirMessage(
              this.topics.handoffsFhir[target],
              referralId,
              handoffFhirMessage(native, event.metadata.eventId),
              event,
            ),
          ]
        : []),
    ];
  }

  /** A partner's answer as a Task update on the FHIR topic of the handoff's target (none for native targets). */
  private taskUpdate(
    event: StoredEvent,
    referral: OpenReferral,
    answer: HandoffAcknowledged | HandoffRejected,
  ): OutboundMessage[] {
    const { handoffId, referralId, at } = answer.data;
    const target = referral.handoffs.find((h) => h.handoffId === handoffId)?.target;
    if (!target || this.formats[target] === 'native') return [];
    const common = { handoffId, referralId, target, at };
    const update =
      answer.type === 'HandoffAcknowledged'
        ? handoffTaskUpdate(
            { ...common, outcome: 'accepted', reference: answer.data.reference },
            event.metadata.eventId,
          )
        : handoffTaskUpdate(
            { ...common, outcome: 'rejected', reason: answer.data.reason },
            event.metadata.eventId,
          );
    return [fhirMessage(this.topics.handoffsFhir[target], referralId, update, event)];
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

/** A FHIR message: the same headers, with the FHIR media type. */
function fhirMessage(topic: string, key: string, payload: unknown, event: StoredEvent): OutboundMessage {
  const m = message(topic, key, payload, event);
  return { ...m, headers: { ...m.headers, [HEADERS.contentType]: 'application/fhir+json' } };
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
