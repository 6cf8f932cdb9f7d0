import { WrongExpectedVersionError } from './event-store.errors';
import type { EventMetadataInput, EventStore, StoredEvent } from './event-store.port';

/** A domain event as the decider sees it: the stored type and data, no metadata. */
export type DomainEvent = { type: string; data: unknown };

/** Pure decision logic over one stream: `decide` holds the rules, `evolve` the state changes. */
export type Decider<C, E extends DomainEvent, S> = {
  initialState: S;
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
};

/** A stream folded into state: `version` is its event count, `events` the events as stored. */
export type Loaded<S> = { state: S; version: number; events: StoredEvent[] };

/** How `DeciderStore.handle` appends the decided events. */
export type HandleOptions<E, S> = {
  /** The version the caller last saw (If-Match); without it the command applies to the latest state. */
  expectedVersion?: number | 'no_stream';
  /** Metadata of each decided event; the store adds `recordedAt`. */
  metadata: (event: E, index: number) => EventMetadataInput;
  /** Reloads and decides again this many times when another writer got in first. Default 5. */
  maxRetries?: number;
  /** Runs on the loaded stream before `decide`, e.g. an access check; throwing stops the command. */
  beforeDecide?: (loaded: Loaded<S>) => void | Promise<void>;
};

/** The outcome of a handled command: new state and version, the events appended, the last position. */
export type Handled<E, S> = { state: S; version: number; events: E[]; position: number };

export type DeciderStoreOptions = {
  /**
   * How many streams' folds are kept between loads, least recently used dropped first. A kept fold is
   * never trusted as it stands: each load reads the events after its version from the store (usually
   * none, or the one this instance just appended) and folds only those. Default 0: nothing is kept.
   */
  keptStreams?: number;
  /**
   * A stream with an event this accepts is never kept, and a kept fold that meets one is dropped and
   * the stream read whole: e.g. an erasure, after which what was read before must be read again.
   */
  neverKeepAfter?: (event: StoredEvent) => boolean;
  /**
   * Asked, beside the read, whenever a fold is about to be kept and whenever a kept one is used: false
   * keeps nothing and reads the stream whole (e.g. the stream's data key is gone or unreadable, however
   * that happened, so what was decrypted before must not be served). Default: always true.
   */
  stillReadable?: (stream: string) => Promise<boolean>;
};

type Kept = { decider: unknown; loaded: Loaded<unknown> };

/** Loads a stream, decides a command on its state and appends the decided events with the expected version. */
export class DeciderStore {
  private readonly kept = new Map<string, Kept>();
  private readonly keptStreams: number;
  private readonly neverKeepAfter: (event: StoredEvent) => boolean;
  private readonly stillReadable: (stream: string) => Promise<boolean>;

  constructor(
    private readonly store: EventStore,
    options: DeciderStoreOptions = {},
  ) {
    this.keptStreams = options.keptStreams ?? 0;
    this.neverKeepAfter = options.neverKeepAfter ?? (() => false);
    this.stillReadable = options.stillReadable ?? (() => Promise.resolve(true));
  }

  /**
   * Folds a stream (up to `toVersion`) from the decider's initial state; a missing stream is version 0.
   * The whole stream is read from the store, except that a fold kept from an earlier load is brought up
   * to date with the events appended since (read from the store, whoever appended them). Treat what is
   * returned as read-only: it may be shared with other loads of the same stream.
   */
  async load<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    stream: string,
    opts: { toVersion?: number } = {},
  ): Promise<Loaded<S>> {
    if (opts.toVersion !== undefined || this.keptStreams === 0)
      return fold(decider, await this.store.readStream(stream, opts));
    const kept = this.kept.get(stream);
    const updated = kept?.decider === decider ? await this.bringUpToDate(decider, stream, kept) : undefined;
    if (updated) return this.keep(decider, stream, updated);
    const [events, readable] = await Promise.all([this.store.readStream(stream), this.stillReadable(stream)]);
    const loaded = fold(decider, events);
    return !readable || events.some(this.neverKeepAfter) ? loaded : this.keep(decider, stream, loaded);
  }

  /** A kept fold with the events appended since folded on; undefined (and dropped) when it may not be used. */
  private async bringUpToDate<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    stream: string,
    kept: Kept,
  ): Promise<Loaded<S> | undefined> {
    const before = kept.loaded as Loaded<S>;
    const [after, readable] = await Promise.all([
      this.store.readStream(stream, { afterVersion: before.version }),
      this.stillReadable(stream),
    ]);
    if (readable && after.length === 0) return before;
    if (readable && after[0]!.version === before.version + 1 && !after.some(this.neverKeepAfter))
      return fold(decider, after, before);
    this.kept.delete(stream);
    return undefined;
  }

  /** Keeps a fold as the stream's most recently used, unless a newer one is kept already. */
  private keep<S>(decider: unknown, stream: string, loaded: Loaded<S>): Loaded<S> {
    if (loaded.version === 0) return loaded;
    const current = this.kept.get(stream);
    this.kept.delete(stream);
    const newer =
      current !== undefined && current.decider === decider && current.loaded.version > loaded.version;
    this.kept.set(stream, newer ? current : { decider, loaded });
    if (this.kept.size > this.keptStreams) this.kept.delete(this.kept.keys().next().value as string);
    return loaded;
  }

  /**
   * Decides `command` on the stream and appends the result. With `expectedVersion`, a stale
   * version throws `WrongExpectedVersionError` without deciding; without it, a lost race is
   * retried on the latest state. Errors thrown by `decide` propagate and nothing is written.
   */
  async handle<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    stream: string,
    command: C,
    opts: HandleOptions<E, S>,
  ): Promise<Handled<E, S>> {
    const { expectedVersion } = opts;
    if (expectedVersion !== undefined) return this.attempt(decider, stream, command, opts, expectedVersion);
    const maxRetries = opts.maxRetries ?? 5;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.attempt(decider, stream, command, opts, undefined);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= maxRetries) throw error;
      }
    }
  }

  private async attempt<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    stream: string,
    command: C,
    opts: HandleOptions<E, S>,
    expected: number | 'no_stream' | undefined,
  ): Promise<Handled<E, S>> {
    const loaded = await this.load(decider, stream);
    const required = expected === 'no_stream' ? 0 : expected;
    if (required !== undefined && required !== loaded.version) {
      throw new WrongExpectedVersionError(stream, expected ?? loaded.version, loaded.version);
    }
    await opts.beforeDecide?.(loaded);
    const decided = decider.decide(command, loaded.state);
    if (decided.length === 0) {
      const position = loaded.events[loaded.events.length - 1]?.position ?? 0;
      return { state: loaded.state, version: loaded.version, events: [], position };
    }
    const newEvents = decided.map((event, index) => ({
      type: event.type,
      data: event.data,
      metadata: opts.metadata(event, index),
    }));
    const appended = await this.store.append(stream, newEvents, expected ?? loaded.version);
    const state = decided.reduce((current, event) => decider.evolve(current, event), loaded.state);
    return { state, version: appended.version, events: decided, position: appended.position };
  }
}

/** Folds `events` onto `from` (default: the decider's initial state, no events). */
function fold<C, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  events: StoredEvent[],
  from: Loaded<S> = { state: decider.initialState, version: 0, events: [] },
): Loaded<S> {
  if (events.length === 0) return from;
  const state = events.reduce(
    (current, event) => decider.evolve(current, asDomainEvent<E>(event)),
    from.state,
  );
  return {
    state,
    version: events[events.length - 1]!.version,
    events: from.events.length === 0 ? events : from.events.concat(events),
  };
}

// The store keeps type and data as written; the decider's event union names what it can hold.
function asDomainEvent<E>(event: StoredEvent): E {
  return { type: event.type, data: event.data } as E;
}
