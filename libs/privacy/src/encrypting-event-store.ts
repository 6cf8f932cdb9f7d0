import { ERASED } from '@app/referral-domain';
import type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadStreamOptions,
  StoredEvent,
} from '@app/event-store';
import type { DataKeyLookup, DataKeyStore } from './data-key.store';
import {
  fillPersonalData,
  isRecord,
  PERSONAL_DATA_FIELDS,
  splitPersonalData,
  subjectOf,
} from './personal-data.fields';
import type { PersonalDataSplit, PersonalValues } from './personal-data.fields';
import { ENVELOPE_FIELD, envelopeOf, openPersonal, sealPersonal } from './personal-envelope';
import type { PersonalEnvelope } from './personal-envelope';
import { PersonalDataReservedFieldError, PersonalDataSubjectMissingError } from './privacy.errors';

/** What an erased personal field reads as (the domain's marker). */
export { ERASED };
/** What a personal field reads as when its key or ciphertext cannot be read. */
export const UNREADABLE = '[unreadable]';
/** What a personal field reads as through a view that does not reveal its event's type (`revealing`). */
export const SEALED = '[sealed]';

/** Why an event's personal data could not be read. Carries ids only, never personal data. */
export type PersonalDataProblem = {
  problem: 'key-missing' | 'key-unreadable' | 'ciphertext-rejected' | 'envelope-malformed';
  /** The key id (the referral id); absent when the envelope is too malformed to name one. */
  subjectId?: string;
  stream: string;
  version: number;
  position: number;
  eventType: string;
};

export type EncryptingEventStoreOptions = {
  /** Told of every event read with `[unreadable]` fields, e.g. to log a warning. Its errors are ignored. */
  onProblem?: (info: PersonalDataProblem) => void;
  /**
   * Event types whose personal fields reads decrypt; the personal fields of other events read as
   * `[sealed]`, with no key lookup or decryption. Default: every type.
   */
  reveal?: ReadonlySet<string>;
  /**
   * Revealed events keep their sealed envelope beside the opened fields, for readers (projections)
   * that store the envelope unopened as well as read a value. Default: the envelope is replaced.
   */
  keepEnvelope?: boolean;
};

/**
 * Keeps personal data (see `PERSONAL_DATA_FIELDS`) out of the inner store: on append each such
 * event's personal fields leave `data` and are sealed together, with the subject's data key, under
 * `data.personal`; every read puts them back. After `DataKeyStore.erase` they read as `[erased]`;
 * a missing or corrupt key or a rejected ciphertext reads as `[unreadable]` and is reported through
 * `onProblem`, and the read still succeeds. An unreachable key store fails the read (an outage,
 * not data). Put this on top of the hash chain, so the chain covers ciphertext and survives erasure.
 */
export class EncryptingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly keys: DataKeyStore,
    private readonly options: EncryptingEventStoreOptions = {},
  ) {}

  async append(stream: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    // Malformed input goes through untouched so the inner store refuses it with its own message.
    const sealed = Array.isArray(events) ? await this.seal(stream, events) : events;
    return this.inner.append(stream, sealed, expected);
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    return this.reveal(await this.inner.readStream(stream, options));
  }

  async readAll(after: number, batchSize: number): Promise<StoredEvent[]> {
    return this.reveal(await this.inner.readAll(after, batchSize));
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  async *follow(after: number, signal: AbortSignal, batchSize?: number): AsyncIterable<StoredEvent[]> {
    for await (const batch of this.inner.follow(after, signal, batchSize)) yield await this.reveal(batch);
  }

  /**
   * The same store, reading personal data only of these event types (least privilege and less work
   * for readers such as projections that need the names of a referral and nothing else). Appends
   * through the view are sealed as usual.
   */
  revealing(types: ReadonlySet<string>, options: { keepEnvelope?: boolean } = {}): EncryptingEventStore {
    return new EncryptingEventStore(this.inner, this.keys, { ...this.options, ...options, reveal: types });
  }

  /** Closes the inner store; the key store belongs to whoever opened it. */
  close(): Promise<void> {
    return this.inner.close();
  }

  private async seal(stream: string, events: NewEvent[]): Promise<NewEvent[]> {
    const plans = events.map((event, index) => planSeal(stream, event, index));
    if (plans.every((plan) => plan === undefined)) return events;
    const keys = new Map<string, Buffer>();
    for (const plan of plans) {
      if (plan !== undefined && !keys.has(plan.subject))
        keys.set(plan.subject, await this.keys.getOrCreate(plan.subject));
    }
    return events.map((event, index) => {
      const plan = plans[index];
      if (plan === undefined) return event;
      const { subject, split } = plan;
      const envelope = sealPersonal(subject, keys.get(subject) as Buffer, split.fields, split.values);
      return { ...event, data: { ...split.clear, [ENVELOPE_FIELD]: envelope } };
    });
  }

  private async reveal(events: StoredEvent[]): Promise<StoredEvent[]> {
    const only = this.options.reveal;
    const envelopes = events.map((event) =>
      only === undefined || only.has(event.type) ? envelopeOf(event.data) : sealedOrUndefined(event),
    );
    const kids = new Set<string>();
    let sealed = false;
    for (const envelope of envelopes) {
      if (envelope === undefined) continue;
      sealed = true;
      if (envelope !== 'malformed' && !isSealedView(envelope)) kids.add(envelope.kid);
    }
    if (!sealed) return events;
    const keys = kids.size > 0 ? await this.keys.getMany([...kids]) : new Map<string, DataKeyLookup>();
    return events.map((event, index) => {
      const envelope = envelopes[index];
      return envelope === undefined ? event : { ...event, data: this.open(event, envelope, keys) };
    });
  }

  private open(
    event: StoredEvent,
    envelope: PersonalEnvelope | 'malformed' | SealedView,
    keys: Map<string, DataKeyLookup>,
  ): Record<string, unknown> {
    const data = event.data as Record<string, unknown>;
    const replaced = this.options.keepEnvelope ? undefined : ENVELOPE_FIELD;
    const fill = (fields: readonly string[], valueOf: (path: string) => unknown) =>
      fillPersonalData(data, replaced, fields, valueOf);
    // The envelope stays, still sealed: a read model may keep it and open it when it is read.
    if (isSealedView(envelope)) return fillPersonalData(data, undefined, envelope.sealed, () => SEALED);
    if (envelope === 'malformed') {
      this.report(event, 'envelope-malformed', undefined);
      return fill(PERSONAL_DATA_FIELDS[event.type] ?? [], () => UNREADABLE);
    }
    const key = keys.get(envelope.kid) ?? 'missing';
    if (key === 'erased') return fill(envelope.fields, () => ERASED);
    if (key === 'missing' || key === 'unreadable') {
      this.report(event, key === 'missing' ? 'key-missing' : 'key-unreadable', envelope.kid);
      return fill(envelope.fields, () => UNREADABLE);
    }
    const values = openOrUndefined(envelope, key);
    if (values === undefined) {
      this.report(event, 'ciphertext-rejected', envelope.kid);
      return fill(envelope.fields, () => UNREADABLE);
    }
    return fill(envelope.fields, (path) => values[path]);
  }

  private report(
    event: StoredEvent,
    problem: PersonalDataProblem['problem'],
    subjectId: string | undefined,
  ): void {
    const info: PersonalDataProblem = {
      problem,
      ...(subjectId === undefined ? {} : { subjectId }),
      stream: event.stream,
      version: event.version,
      position: event.position,
      eventType: event.type,
    };
    try {
      this.options.onProblem?.(info);
    } catch {
      // A failing reporter must not turn a readable history into a failed read.
    }
  }
}

function planSeal(
  stream: string,
  event: NewEvent,
  index: number,
): { subject: string; split: PersonalDataSplit } | undefined {
  if (!isRecord(event) || typeof event.type !== 'string') return undefined;
  // An event already sealed (copied from another store) has no personal values left and passes through.
  const split = splitPersonalData(event.type, event.data);
  if (split === undefined) return undefined;
  if (Object.hasOwn(split.clear, ENVELOPE_FIELD))
    throw new PersonalDataReservedFieldError(stream, index, event.type);
  const subject = subjectOf(event.data);
  if (subject === undefined) throw new PersonalDataSubjectMissingError(stream, index, event.type);
  return { subject, split };
}

/** An event of a type the view does not reveal: the fields its envelope sealed, left unopened. */
type SealedView = { sealed: readonly string[] };

const isSealedView = (envelope: PersonalEnvelope | 'malformed' | SealedView): envelope is SealedView =>
  typeof envelope === 'object' && 'sealed' in envelope;

function sealedOrUndefined(event: StoredEvent): SealedView | undefined {
  if (!isRecord(event.data) || event.data[ENVELOPE_FIELD] === undefined) return undefined;
  const envelope = envelopeOf(event.data);
  const known = PERSONAL_DATA_FIELDS[event.type] ?? [];
  return { sealed: envelope === undefined || envelope === 'malformed' ? known : envelope.fields };
}

function openOrUndefined(envelope: PersonalEnvelope, key: Buffer): PersonalValues | undefined {
  try {
    return openPersonal(envelope, key);
  } catch {
    return undefined;
  }
}
