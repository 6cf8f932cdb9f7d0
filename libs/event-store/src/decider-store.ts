import { WrongExpectedVersionError } from './event-store.errors';
import type { EventMetadataInput, EventStore, StoredEvent } from './event-store.port';

export type DomainEvent = { type: string; data: unknown };

/** A pure decider: the domain's rules as three values. */
export type Decider<C, E extends DomainEvent, S> = {
  initialState: S;
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
};

export type Loaded<S> = { state: S; version: number; events: StoredEvent[] };

export type HandleOptions<E, S> = {
  /** The version the caller saw (If-Match) or `no_stream`; without it the command applies to the latest state. */
  expectedVersion?: number | 'no_stream';
  metadata: (event: E, index: number) => EventMetadataInput;
  /** Runs on the loaded stream before deciding, e.g. an access check; throwing stops the command. */
  beforeDecide?: (loaded: Loaded<S>) => void;
  maxRetries?: number;
};

export type Handled<E, S> = { state: S; version: number; events: E[] };

/** Load, decide, append: the one way commands change streams. */
export class DeciderStore {
  constructor(private readonly store: EventStore) {}

  async load<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, stream: string, opts: { toVersion?: number } = {}): Promise<Loaded<S>> {
    const events = await this.store.readStream(stream, opts);
    const state = events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as E), decider.initialState);
    return { state, version: events.length === 0 ? 0 : events[events.length - 1]!.version, events };
  }

  async handle<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, stream: string, command: C, opts: HandleOptions<E, S>): Promise<Handled<E, S>> {
    const retries = opts.expectedVersion === undefined ? (opts.maxRetries ?? 5) : 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(decider, stream, command, opts);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= retries) throw error;
      }
    }
  }

  private async attempt<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, stream: string, command: C, opts: HandleOptions<E, S>): Promise<Handled<E, S>> {
    const loaded = await this.load(decider, stream);
    opts.beforeDecide?.(loaded);
    const expected = opts.expectedVersion === 'no_stream' ? 0 : (opts.expectedVersion ?? loaded.version);
    if (expected !== loaded.version) throw new WrongExpectedVersionError(stream, opts.expectedVersion ?? expected, loaded.version);
    const events = decider.decide(command, loaded.state);
    if (events.length === 0) return { state: loaded.state, version: loaded.version, events };
    const appended = await this.store.append(
      stream,
      events.map((e, i) => ({ type: e.type, data: e.data, metadata: opts.metadata(e, i) })),
      loaded.version === 0 ? 'no_stream' : loaded.version,
    );
    return { state: events.reduce(decider.evolve, loaded.state), version: appended.version, events };
  }
}
