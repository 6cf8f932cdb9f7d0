import { SqliteEventStore } from './adapters/sqlite/sqlite-event-store';
import type { Decider } from './decider-store';
import { DeciderStore } from './decider-store';
import { WrongExpectedVersionError } from './event-store.errors';
import type { EventMetadataInput } from './event-store.port';

type CounterCommand = { type: 'Increment'; by: number } | { type: 'Reset' };
type CounterEvent =
  { type: 'Incremented'; data: { by: number } } | { type: 'WasReset'; data: { from: number } };
type Counter = { value: number };

class CounterError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

const counter: Decider<CounterCommand, CounterEvent, Counter> = {
  initialState: { value: 0 },
  decide(command, state) {
    switch (command.type) {
      case 'Increment':
        if (command.by <= 0) throw new CounterError('COUNTER.STEP_NOT_POSITIVE');
        return [{ type: 'Incremented', data: { by: command.by } }];
      case 'Reset':
        return state.value === 0 ? [] : [{ type: 'WasReset', data: { from: state.value } }];
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'Incremented':
        return { value: state.value + event.data.by };
      case 'WasReset':
        return { value: 0 };
    }
  },
};

const metadata = (event: CounterEvent, index: number): EventMetadataInput => ({
  eventId: `${event.type}-${index}`,
  occurredAt: '2025-03-01T09:30:00.000Z',
  actor: { sub: 'worker-1', roles: ['link_worker'] },
  correlationId: 'correlation-1',
  causationId: 'causation-1',
  schemaVersion: 1,
});

const increment = (by: number): CounterCommand => ({ type: 'Increment', by });
const incremented = (by: number) => ({
  type: 'Incremented',
  data: { by },
  metadata: metadata({ type: 'Incremented', data: { by } }, 0),
});

describe('DeciderStore', () => {
  const stream = 'counter-1';
  let store: SqliteEventStore;
  let deciders: DeciderStore;

  beforeEach(() => {
    store = new SqliteEventStore({ filename: ':memory:' });
    deciders = new DeciderStore(store);
  });
  afterEach(() => store.close());

  const dataOf = async (): Promise<unknown[]> => (await store.readStream(stream)).map((e) => e.data);

  describe('given no counter', () => {
    it('when loaded, then it is the initial state at version 0', async () => {
      expect(await deciders.load(counter, stream)).toEqual({ state: { value: 0 }, version: 0, events: [] });
    });

    it('when incremented as a new stream, then Incremented is appended at version 1 with its metadata', async () => {
      const result = await deciders.handle(counter, stream, increment(2), {
        expectedVersion: 'no_stream',
        metadata,
      });
      expect(result).toMatchObject({
        state: { value: 2 },
        version: 1,
        events: [{ type: 'Incremented', data: { by: 2 } }],
      });
      const [stored] = await store.readStream(stream);
      expect(stored).toMatchObject({
        version: 1,
        position: result.position,
        metadata: { eventId: 'Incremented-0' },
      });
    });

    it('when reset, then nothing is appended', async () => {
      const result = await deciders.handle(counter, stream, { type: 'Reset' }, { metadata });
      expect(result).toEqual({ state: { value: 0 }, version: 0, events: [], position: 0 });
      expect(await store.headPosition()).toBe(0);
    });
  });

  describe('given a counter incremented by 1, 2 and 3', () => {
    beforeEach(async () => {
      await store.append(stream, [incremented(1), incremented(2), incremented(3)], 'no_stream');
    });

    it('when loaded, then the events are folded, up to a version if asked', async () => {
      expect(await deciders.load(counter, stream)).toMatchObject({ state: { value: 6 }, version: 3 });
      expect(await deciders.load(counter, stream, { toVersion: 2 })).toMatchObject({
        state: { value: 3 },
        version: 2,
      });
    });

    it('when incremented at the version seen, then it is at version 4', async () => {
      const result = await deciders.handle(counter, stream, increment(4), { expectedVersion: 3, metadata });
      expect(result).toMatchObject({ state: { value: 10 }, version: 4 });
      expect(await dataOf()).toHaveLength(4);
    });

    it.each([[2], [5], ['no_stream' as const]])(
      'when incremented at stale version %p, then it is refused undecided',
      async (expectedVersion) => {
        const decide = jest.fn(counter.decide);
        const error = await deciders
          .handle({ ...counter, decide }, stream, increment(4), { expectedVersion, metadata })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({ stream, expected: expectedVersion, actual: 3 });
        expect(decide).not.toHaveBeenCalled();
        expect(await dataOf()).toHaveLength(3);
      },
    );

    it('when incremented at the version seen while another writer gets in first, then it is refused', async () => {
      const beforeDecide = async (): Promise<void> => {
        await store.append(stream, [incremented(9)], 3);
      };
      const handled = deciders.handle(counter, stream, increment(4), {
        metadata,
        expectedVersion: 3,
        beforeDecide,
      });
      await expect(handled).rejects.toThrow(WrongExpectedVersionError);
      expect(await dataOf()).toEqual([{ by: 1 }, { by: 2 }, { by: 3 }, { by: 9 }]);
    });

    it('when incremented without a version while another writer gets in first, then it applies to the latest state', async () => {
      let raced = false;
      const beforeDecide = async (): Promise<void> => {
        if (raced) return;
        raced = true;
        await store.append(stream, [incremented(9)], 3);
      };
      const result = await deciders.handle(counter, stream, increment(4), { metadata, beforeDecide });
      expect(result).toMatchObject({ state: { value: 19 }, version: 5 });
      expect(await dataOf()).toEqual([{ by: 1 }, { by: 2 }, { by: 3 }, { by: 9 }, { by: 4 }]);
    });

    it('when other writers always get in first, then it gives up after the retries', async () => {
      const beforeDecide = async (): Promise<void> => {
        await store.append(stream, [incremented(1)], 'any');
      };
      const handled = deciders.handle(counter, stream, increment(4), {
        metadata,
        beforeDecide,
        maxRetries: 2,
      });
      await expect(handled).rejects.toThrow(WrongExpectedVersionError);
      expect(await dataOf()).toHaveLength(6);
    });

    it('when the check before deciding refuses, then its error propagates and nothing is written', async () => {
      const beforeDecide = (): void => {
        throw new Error('forbidden');
      };
      await expect(
        deciders.handle(counter, stream, increment(4), { metadata, beforeDecide }),
      ).rejects.toThrow('forbidden');
      expect(await dataOf()).toHaveLength(3);
    });

    it('when the decider refuses, then its error propagates unchanged and nothing is written', async () => {
      const handled = deciders.handle(counter, stream, increment(0), { metadata });
      await expect(handled).rejects.toBeInstanceOf(CounterError);
      await expect(handled).rejects.toMatchObject({ code: 'COUNTER.STEP_NOT_POSITIVE' });
      expect(await dataOf()).toHaveLength(3);
    });

    it('when reset, then WasReset is appended and the state is back to 0', async () => {
      const result = await deciders.handle(counter, stream, { type: 'Reset' }, { metadata });
      expect(result).toMatchObject({
        state: { value: 0 },
        version: 4,
        events: [{ type: 'WasReset', data: { from: 6 } }],
      });
    });
  });

  describe('given folds kept between loads', () => {
    const reads = () => jest.spyOn(store, 'readStream');
    const fresh = () => new DeciderStore(store);
    let kept: DeciderStore;

    beforeEach(async () => {
      kept = new DeciderStore(store, { keptStreams: 100 });
      await store.append(stream, [incremented(1), incremented(2)], 'no_stream');
    });

    it('when loaded again, then only the events after the kept version are read, and it equals a fold of the whole stream', async () => {
      await kept.load(counter, stream);
      await store.append(stream, [incremented(3)], 2);
      const spy = reads();
      const loaded = await kept.load(counter, stream);
      expect(spy).toHaveBeenCalledWith(stream, { afterVersion: 2 });
      expect(loaded).toEqual(await fresh().load(counter, stream));
      expect(loaded).toMatchObject({ state: { value: 6 }, version: 3 });
    });

    it('when another writer appends between two loads, then the second load folds what it appended', async () => {
      await kept.load(counter, stream);
      const other = new DeciderStore(store, { keptStreams: 100 });
      await other.handle(counter, stream, increment(5), { expectedVersion: 2, metadata });
      expect(await kept.load(counter, stream)).toMatchObject({ state: { value: 8 }, version: 3 });
      // And the command decided here is checked against that version, not the kept one.
      const stale = kept.handle(counter, stream, increment(1), { expectedVersion: 2, metadata });
      await expect(stale).rejects.toMatchObject({ actual: 3 });
    });

    it('when commands follow one another, then each reads only the event the last appended', async () => {
      await kept.handle(counter, stream, increment(3), { expectedVersion: 2, metadata });
      const spy = reads();
      const result = await kept.handle(counter, stream, increment(4), { expectedVersion: 3, metadata });
      expect(spy.mock.calls).toEqual([[stream, { afterVersion: 2 }]]);
      expect(result).toMatchObject({ state: { value: 10 }, version: 4 });
      expect(await kept.load(counter, stream)).toEqual(await fresh().load(counter, stream));
    });

    it('when a stream holds an event that is never kept, then every load reads the stream whole', async () => {
      const erasing = new DeciderStore(store, {
        keptStreams: 100,
        neverKeepAfter: (e) => e.type === 'WasReset',
      });
      await erasing.load(counter, stream);
      await store.append(stream, [{ ...incremented(0), type: 'WasReset', data: { from: 3 } }], 2);
      const spy = reads();
      expect(await erasing.load(counter, stream)).toMatchObject({ state: { value: 0 }, version: 3 });
      expect(await erasing.load(counter, stream)).toMatchObject({ state: { value: 0 }, version: 3 });
      expect(spy.mock.calls).toEqual([[stream, { afterVersion: 2 }], [stream], [stream]]);
    });

    it('when more streams are loaded than are kept, then the least recently used is read whole again', async () => {
      const two = new DeciderStore(store, { keptStreams: 2 });
      for (const name of ['counter-2', 'counter-3']) await store.append(name, [incremented(1)], 'no_stream');
      for (const name of [stream, 'counter-2', stream, 'counter-3']) await two.load(counter, name);
      const spy = reads();
      await two.load(counter, stream);
      await two.load(counter, 'counter-2');
      expect(spy.mock.calls).toEqual([[stream, { afterVersion: 2 }], ['counter-2']]);
    });

    it('when loaded up to a version or by another decider, then the kept fold is not used', async () => {
      await kept.load(counter, stream);
      const spy = reads();
      expect(await kept.load(counter, stream, { toVersion: 1 })).toMatchObject({ version: 1 });
      const doubling = {
        ...counter,
        evolve: (s: Counter, e: CounterEvent) => counter.evolve(counter.evolve(s, e), e),
      };
      expect(await kept.load(doubling, stream)).toMatchObject({ state: { value: 6 } });
      expect(spy.mock.calls).toEqual([[stream, { toVersion: 1 }], [stream]]);
    });

    it('when the stream is no longer readable, then the kept fold is dropped and the stream read whole each time', async () => {
      let readable = true;
      const guarded = new DeciderStore(store, {
        keptStreams: 100,
        stillReadable: () => Promise.resolve(readable),
      });
      await guarded.load(counter, stream);
      const spy = reads();
      await guarded.load(counter, stream);
      readable = false;
      await guarded.load(counter, stream);
      await guarded.load(counter, stream);
      readable = true;
      await guarded.load(counter, stream);
      await guarded.load(counter, stream);
      expect(spy.mock.calls).toEqual([
        [stream, { afterVersion: 2 }],
        [stream, { afterVersion: 2 }],
        [stream],
        [stream],
        [stream],
        [stream, { afterVersion: 2 }],
      ]);
    });

    it('when nothing is asked to be kept (the default), then every load reads the stream whole', async () => {
      const plain = fresh();
      await plain.load(counter, stream);
      const spy = reads();
      await plain.load(counter, stream);
      expect(spy.mock.calls).toEqual([[stream, {}]]);
    });

    it('when a missing stream is loaded, then nothing is kept for it', async () => {
      await kept.load(counter, 'counter-none');
      const spy = reads();
      await kept.load(counter, 'counter-none');
      expect(spy.mock.calls).toEqual([['counter-none']]);
    });
  });
});
