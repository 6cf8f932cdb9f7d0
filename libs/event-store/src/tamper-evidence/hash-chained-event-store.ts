import { WrongExpectedVersionError } from '../event-store.errors';
import type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadStreamOptions,
  StoredEvent,
} from '../event-store.port';
import { GENESIS_HASH, eventHash } from './event-hash';

type Head = { version: number; hash: string };

/** Heads of the most recently written streams kept in memory; an older stream's head is read again when needed. */
const CACHED_HEADS = 50_000;
const NEW_STREAM: Head = { version: 0, hash: GENESIS_HASH };

/** Refuses an append whose expected version the head does not match (before anything is hashed). */
function requireExpected(stream: string, expected: ExpectedVersion, version: number): void {
  if (typeof expected === 'number' && expected !== version)
    throw new WrongExpectedVersionError(stream, expected, version);
  if (expected === 'no_stream' && version !== 0)
    throw new WrongExpectedVersionError(stream, expected, version);
}

/** The events with their chain hashes from `previous` on, and the last hash. */
function chain(previous: string, events: NewEvent[]): { chained: NewEvent[]; last: string } {
  let last = previous;
  const chained = events.map((e) => {
    last = eventHash(last, e);
    return { ...e, metadata: { ...e.metadata, hash: last } };
  });
  return { chained, last };
}

/**
 * Chains every event to its predecessor in the stream with `metadata.hash`, over whatever the inner
 * store holds (ciphertext included, so erasing a key never breaks the chain). Appends always run with
 * a concrete expected version, so two writers can never fork a chain.
 */
export class HashChainedEventStore implements EventStore {
  private readonly heads = new Map<string, Head>();

  constructor(private readonly inner: EventStore) {}

  async append(stream: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    for (let attempt = 0; ; attempt++) {
      // A new stream starts at the genesis hash; if it exists after all, the inner append says so.
      const head =
        expected === 'no_stream'
          ? NEW_STREAM
          : await this.head(stream, attempt > 0 || !this.cacheFits(stream, expected));
      requireExpected(stream, expected, head.version);
      const { chained, last } = chain(head.hash, events);
      try {
        const result = await this.inner.append(
          stream,
          chained,
          head.version === 0 ? 'no_stream' : head.version,
        );
        this.remember(stream, { version: result.version, hash: last });
        return result;
      } catch (error) {
        this.heads.delete(stream);
        // Another writer moved the stream: with `any` retry on the new head, otherwise the caller decides.
        if (!(error instanceof WrongExpectedVersionError) || expected !== 'any' || attempt >= 5) throw error;
      }
    }
  }

  /** The cached head is trusted only when it agrees with what the caller expects; otherwise read it fresh. */
  private cacheFits(stream: string, expected: ExpectedVersion): boolean {
    const cached = this.heads.get(stream);
    return cached !== undefined && (expected === 'any' || expected === cached.version);
  }

  private async head(stream: string, refresh: boolean): Promise<Head> {
    const cached = this.heads.get(stream);
    if (cached && !refresh) return cached;
    const events = await this.inner.readStream(stream);
    const last = events[events.length - 1];
    const head = {
      version: last?.version ?? 0,
      hash: (last?.metadata as { hash?: string } | undefined)?.hash ?? GENESIS_HASH,
    };
    this.remember(stream, head);
    return head;
  }

  /** Least recently written first: a Map iterates in insertion order, so re-inserting moves a stream to the end. */
  private remember(stream: string, head: Head): void {
    this.heads.delete(stream);
    this.heads.set(stream, head);
    if (this.heads.size > CACHED_HEADS) this.heads.delete(this.heads.keys().next().value as string);
  }

  readStream(stream: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    return this.inner.readStream(stream, options);
  }

  readAll(after: number, batchSize: number): Promise<StoredEvent[]> {
    return this.inner.readAll(after, batchSize);
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  follow(after: number, signal: AbortSignal, batchSize?: number): AsyncIterable<StoredEvent[]> {
    return this.inner.follow(after, signal, batchSize);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
