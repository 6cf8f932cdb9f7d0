/** Expected version of a stream before an append: its event count, `no_stream` (must not exist) or `any`. */
export type ExpectedVersion = number | 'no_stream' | 'any';

export type Actor = { sub: string; roles: string[] };

/** Metadata the caller supplies; the store adds `recordedAt`. */
export type EventMetadataInput = {
  eventId: string;
  occurredAt: string;
  actor: Actor;
  correlationId: string;
  causationId: string;
  schemaVersion: number;
  [extra: string]: unknown;
};

export type EventMetadata = EventMetadataInput & { recordedAt: string };

export type NewEvent = { type: string; data: unknown; metadata: EventMetadataInput };

/** An event as stored. `version` is 1-based within its stream; `position` is global and strictly increasing. */
export type StoredEvent = {
  position: number;
  stream: string;
  version: number;
  type: string;
  data: unknown;
  metadata: EventMetadata;
};

export type AppendResult = { stream: string; version: number; position: number };

/**
 * A slice of a stream: the events with version above `afterVersion` (default 0, from the start) and
 * at most `toVersion` (default: to the end).
 */
export type ReadStreamOptions = { afterVersion?: number; toVersion?: number };

/** Port every event store adapter implements and the conformance suite checks. */
export interface EventStore {
  /** Appends atomically; throws `WrongExpectedVersionError` when `expected` does not hold. */
  append(stream: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult>;
  /** Events of one stream in version order; empty when the stream does not exist. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** Up to `batchSize` events with position greater than `after` (0 reads from the start). */
  readAll(after: number, batchSize: number): Promise<StoredEvent[]>;
  /** The highest position stored, 0 when empty. */
  headPosition(): Promise<number>;
  /**
   * Follows every event after `after`, batch by batch, until `signal` aborts.
   * Never skips an event and never yields one twice within a subscription.
   */
  follow(after: number, signal: AbortSignal, batchSize?: number): AsyncIterable<StoredEvent[]>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
