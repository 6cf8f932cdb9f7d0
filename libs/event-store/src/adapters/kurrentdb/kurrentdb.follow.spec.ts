import type { AllStreamResolvedEvent, AllStreamSubscription } from '@kurrent/kurrentdb-client';
import { EventEmitter } from 'node:events';
import { eventually } from '@app/testing';
import type { StoredEvent } from '../../event-store.port';
import { followSubscription } from './kurrentdb.follow';

/** What the client's subscription stream does, driven by the test: deliver, drop, end. */
class ScriptedSubscription extends EventEmitter {
  paused = false;
  unsubscribed = false;
  constructor(readonly from: number) {
    super();
  }
  deliver(...positions: number[]): void {
    for (const position of positions) this.emit('data', resolved(position));
  }
  pause(): this {
    this.paused = true;
    return this;
  }
  resume(): this {
    this.paused = false;
    return this;
  }
  isPaused(): boolean {
    return this.paused;
  }
  unsubscribe(): Promise<void> {
    this.unsubscribed = true;
    return Promise.resolve();
  }
}

function resolved(position: number): AllStreamResolvedEvent {
  const event = {
    streamId: 'p-referral-1',
    id: `id-${position}`,
    revision: BigInt(position - 1),
    type: 'Counted',
    created: new Date(0),
    data: { n: position },
    metadata: { recordedAt: '2025-01-01T00:00:00.000Z' },
    isJson: true,
    position: { commit: BigInt(position), prepare: BigInt(position) },
  };
  return { event } as unknown as AllStreamResolvedEvent;
}

function follow(after: number, batchSize = 3) {
  const subscriptions: ScriptedSubscription[] = [];
  const source = {
    prefix: 'p-',
    resubscribeDelayMs: 5,
    subscribe: (from: number) => {
      const subscription = new ScriptedSubscription(from);
      subscriptions.push(subscription);
      return subscription as unknown as AllStreamSubscription;
    },
  };
  const controller = new AbortController();
  const batches: StoredEvent[][] = [];
  const done = (async () => {
    for await (const batch of followSubscription(source, after, controller.signal, batchSize))
      batches.push(batch);
  })();
  const current = () => subscriptions[subscriptions.length - 1]!;
  const positions = () => batches.flat().map((e) => e.position);
  return {
    subscriptions,
    current,
    batches,
    positions,
    stop: async () => {
      controller.abort();
      await done;
    },
  };
}

describe('KurrentDB catch-up subscription', () => {
  describe('given a subscription from a checkpoint', () => {
    it('when events arrive, then they are yielded in batches of at most the batch size, without the prefix', async () => {
      const f = follow(10);
      await eventually(() => expect(f.subscriptions).toHaveLength(1));
      expect(f.current().from).toBe(10);
      f.current().deliver(11, 12, 13, 14, 15);
      await eventually(() => expect(f.positions()).toEqual([11, 12, 13, 14, 15]));
      await f.stop();
      expect(f.batches.every((b) => b.length >= 1 && b.length <= 3)).toBe(true);
      expect(f.batches[0]![0]).toMatchObject({ stream: 'referral-1', version: 11, data: { n: 11 } });
      expect(f.current().unsubscribed).toBe(true);
    });

    it('when the server also sends the checkpoint event itself, then it is not yielded again', async () => {
      const f = follow(10);
      await eventually(() => expect(f.subscriptions).toHaveLength(1));
      f.current().deliver(10, 11);
      await eventually(() => expect(f.positions()).toEqual([11]));
      await f.stop();
    });
  });

  describe('given a subscription that drops', () => {
    it('when it errors, then it resubscribes from the last event received and skips what it had already', async () => {
      const f = follow(0);
      await eventually(() => expect(f.subscriptions).toHaveLength(1));
      f.current().deliver(1, 2, 3);
      f.current().emit('error', new Error('UNAVAILABLE: connection reset'));
      await eventually(() => expect(f.subscriptions).toHaveLength(2));
      expect(f.subscriptions[0]!.unsubscribed).toBe(true);
      expect(f.current().from).toBe(3);
      f.current().deliver(3, 4, 5);
      await eventually(() => expect(f.positions()).toEqual([1, 2, 3, 4, 5]));
      await f.stop();
    });

    it('when the server ends it, then it resubscribes too', async () => {
      const f = follow(0);
      await eventually(() => expect(f.subscriptions).toHaveLength(1));
      f.current().deliver(1);
      f.current().emit('end');
      await eventually(() => expect(f.subscriptions).toHaveLength(2));
      f.current().deliver(2);
      await eventually(() => expect(f.positions()).toEqual([1, 2]));
      await f.stop();
    });
  });

  it('yields nothing and never subscribes when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const subscribe = jest.fn();
    const batches = [];
    for await (const batch of followSubscription(
      { prefix: '', resubscribeDelayMs: 5, subscribe },
      0,
      controller.signal,
      10,
    ))
      batches.push(batch);
    expect(batches).toEqual([]);
    expect(subscribe).not.toHaveBeenCalled();
  });
});
