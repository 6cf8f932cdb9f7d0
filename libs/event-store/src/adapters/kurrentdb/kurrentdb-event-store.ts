import { BACKWARDS, END, FORWARDS, KurrentDBClient, START, jsonEvent } from '@kurrent/kurrentdb-client';
import type { AllStreamSubscription, JSONType } from '@kurrent/kurrentdb-client';
import { randomUUID } from 'node:crypto';
import { validateAppend, validateReadAll, validateReadStream } from '../../append.validation';
import { EventStoreUnavailableError, WrongExpectedVersionError } from '../../event-store.errors';
import type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadStreamOptions,
  StoredEvent,
} from '../../event-store.port';
import { followSubscription } from './kurrentdb.follow';
import {
  describeKurrentDbTarget,
  firstLine,
  isStreamNotFound,
  rethrowKurrentDb,
  streamsFilter,
  toNumber,
  toReadPosition,
  toStoredEvent,
  toStreamState,
} from './kurrentdb.mapping';

/** Options of the KurrentDB event store; only `connectionString` is required. */
export type KurrentDbEventStoreOptions = {
  /** e.g. `kurrentdb://admin:changeit@localhost:2113?tls=true`, or `kurrentdb+discover://` for a cluster. */
  connectionString: string;
  /**
   * Prepended to every stream name this store writes; `$all` reads and subscriptions see only
   * those streams. Lets several stores (or test runs) share one server. Default none.
   */
  streamPrefix?: string;
  /** Pause before resubscribing after a subscription drops. Default 1000. */
  resubscribeDelayMs?: number;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Event store on KurrentDB (formerly EventStoreDB) through `@kurrent/kurrentdb-client`. Versions
 * map to revisions (version N is revision N-1), positions to commit positions in `$all`, and
 * `follow` is a catch-up subscription that resubscribes from its checkpoint after a drop.
 * Needs KurrentDB (or EventStoreDB) 22.6 or later, which returns positions on stream reads.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  private readonly prefix: string;
  private readonly target: string;
  private readonly closing = new AbortController();

  constructor(private readonly options: KurrentDbEventStoreOptions) {
    this.client = KurrentDBClient.connectionString(options.connectionString);
    this.prefix = options.streamPrefix ?? '';
    this.target = describeKurrentDbTarget(options.connectionString);
  }

  async append(stream: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    validateAppend(stream, events, expected);
    this.assertOpen();
    if (events.length === 0) return this.currentHead(stream, expected);
    const recordedAt = new Date().toISOString();
    const proposed = events.map((event) =>
      jsonEvent({
        // The event's own id lets the server recognise a retried append as the same write.
        id: UUID.test(event.metadata.eventId) ? event.metadata.eventId : randomUUID(),
        type: event.type,
        // The client JSON-encodes data as given; null, numbers and arrays round-trip too.
        data: event.data as JSONType,
        metadata: { ...event.metadata, recordedAt },
      }),
    );
    try {
      const result = await this.client.appendToStream(this.prefix + stream, proposed, {
        streamState: toStreamState(expected),
      });
      return {
        stream,
        version: Number(result.nextExpectedRevision) + 1,
        position: toNumber(result.position),
      };
    } catch (error) {
      return rethrowKurrentDb(error, stream, expected, this.target);
    }
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    validateReadStream(stream, options);
    this.assertOpen();
    const { afterVersion = 0, toVersion = Number.MAX_SAFE_INTEGER } = options ?? {};
    if (toVersion <= afterVersion) return [];
    const events: StoredEvent[] = [];
    try {
      // Revisions count from 0: the event at version v is revision v - 1.
      const reading = this.client.readStream(this.prefix + stream, {
        direction: FORWARDS,
        fromRevision: afterVersion === 0 ? START : BigInt(afterVersion),
        maxCount: toVersion - afterVersion,
      });
      for await (const resolved of reading) {
        const event = toStoredEvent(resolved, this.prefix);
        if (event) events.push(event);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      return rethrowKurrentDb(error, undefined, undefined, this.target);
    }
    return events;
  }

  async readAll(after: number, batchSize: number): Promise<StoredEvent[]> {
    validateReadAll(after, batchSize);
    this.assertOpen();
    // Reading from a position includes the event at it; ask for one more and drop it.
    const events = await this.collectAll({
      direction: FORWARDS,
      fromPosition: toReadPosition(after),
      maxCount: batchSize + 1,
    });
    return events.filter((e) => e.position > after).slice(0, batchSize);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    const [last] = await this.collectAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    return last?.position ?? 0;
  }

  follow(after: number, signal: AbortSignal, batchSize = 500): AsyncIterable<StoredEvent[]> {
    validateReadAll(after, batchSize);
    const source = {
      prefix: this.prefix,
      resubscribeDelayMs: this.options.resubscribeDelayMs ?? 1000,
      subscribe: (from: number): AllStreamSubscription =>
        this.client.subscribeToAll({
          fromPosition: toReadPosition(from),
          filter: streamsFilter(this.prefix),
        }),
    };
    return followSubscription(source, after, AbortSignal.any([signal, this.closing.signal]), batchSize);
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    await this.client.dispose();
  }

  private async collectAll(options: Parameters<KurrentDBClient['readAll']>[0]): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readAll({ ...options, filter: streamsFilter(this.prefix) })) {
        const event = toStoredEvent(resolved, this.prefix);
        if (event) events.push(event);
      }
    } catch (error) {
      return rethrowKurrentDb(error, undefined, undefined, this.target);
    }
    return events;
  }

  private async currentHead(stream: string, expected: ExpectedVersion): Promise<AppendResult> {
    let last: StoredEvent | undefined;
    try {
      for await (const resolved of this.client.readStream(this.prefix + stream, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      })) {
        last = toStoredEvent(resolved, this.prefix);
      }
    } catch (error) {
      if (!isStreamNotFound(error)) return rethrowKurrentDb(error, undefined, undefined, this.target);
    }
    const version = last?.version ?? 0;
    const holds = expected === 'any' || (expected === 'no_stream' ? version === 0 : expected === version);
    if (!holds) throw new WrongExpectedVersionError(stream, expected, version);
    return { stream, version, position: last?.position ?? 0 };
  }

  private assertOpen(): void {
    if (this.closing.signal.aborted)
      throw new EventStoreUnavailableError(`KurrentDB event store ${this.target} is closed`);
  }
}

/** Connects to KurrentDB and checks it answers; fails with one line naming the server when it does not. */
export async function openKurrentDbEventStore(
  options: KurrentDbEventStoreOptions,
): Promise<KurrentDbEventStore> {
  const target = describeKurrentDbTarget(options.connectionString);
  let store: KurrentDbEventStore;
  try {
    store = new KurrentDbEventStore(options);
  } catch (error) {
    throw new EventStoreUnavailableError(
      `Cannot open the KurrentDB event store at ${target}: ${firstLine(error)}`,
      { cause: error },
    );
  }
  try {
    await store.headPosition();
    return store;
  } catch (error) {
    await store.close().catch(() => undefined);
    const reason =
      error instanceof EventStoreUnavailableError && error.cause !== undefined ? error.cause : error;
    throw new EventStoreUnavailableError(
      `Cannot open the KurrentDB event store at ${target}: ${firstLine(reason)}`,
      { cause: error },
    );
  }
}
