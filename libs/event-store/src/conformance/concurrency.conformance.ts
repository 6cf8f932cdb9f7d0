import { eventually } from '@app/testing';
import { WrongExpectedVersionError } from '../event-store.errors';
import type { AppendResult, StoredEvent } from '../event-store.port';
import type { StoreUnderTest } from './conformance.fixtures';
import { counted, newEvent, positions, startFollowing, streamName } from './conformance.fixtures';

const settle = <T>(work: Promise<T>[]) => Promise.allSettled(work);

// Stores may combine concurrent appends into one transaction (group commit); each append must
// still succeed or fail on its own, in an order every reader agrees with.
export function describeConcurrencyConformance(subject: StoreUnderTest): void {
  describe('concurrent appends', () => {
    it('lands every one of many concurrent appends to different streams', async () => {
      const streams = Array.from({ length: 40 }, (_, i) => streamName(`c${i}`));
      const results = await Promise.all(
        streams.map((stream, i) =>
          subject.store.append(stream, counted(1 + (i % 3)), i % 2 === 0 ? 'no_stream' : 'any'),
        ),
      );
      expect(results.map((r) => r.version)).toEqual(streams.map((_, i) => 1 + (i % 3)));
      const all = await subject.store.readAll(0, 1000);
      expect(all).toHaveLength(streams.reduce((sum, _, i) => sum + 1 + (i % 3), 0));
      for (const [i, stream] of streams.entries()) {
        const events = all.filter((e) => e.stream === stream);
        expect(events.map((e) => e.version)).toEqual(Array.from({ length: 1 + (i % 3) }, (_, v) => v + 1));
        expect(results[i]?.position).toBe(events[events.length - 1]?.position);
      }
    });

    it('lets exactly one append win each version of a stream that many race for', async () => {
      const stream = streamName();
      await subject.store.append(stream, counted(1), 'no_stream');
      const racers = [1, 2, 3].flatMap((expected) =>
        Array.from({ length: 4 }, (_, i) => ({ expected, racer: `${expected}.${i}` })),
      );
      const results = await settle(
        racers.map(({ expected, racer }) =>
          subject.store.append(stream, [newEvent('Raced', { racer })], expected),
        ),
      );
      const won = racers.filter((_, i) => results[i]?.status === 'fulfilled');
      results.forEach((result, i) => {
        if (result.status === 'fulfilled') expect(result.value.version).toBe(racers[i]!.expected + 1);
        else expect(result.reason).toBeInstanceOf(WrongExpectedVersionError);
      });
      expect(won.filter((r) => r.expected === 1)).toHaveLength(1);
      const counts = [1, 2, 3].map((expected) => won.filter((r) => r.expected === expected).length);
      counts.forEach((count) => expect(count).toBeLessThanOrEqual(1));
      const events = await subject.store.readStream(stream);
      expect(events.map((e) => e.version)).toEqual(Array.from({ length: 1 + won.length }, (_, v) => v + 1));
      expect(events.slice(1).map((e) => (e.data as { racer: string }).racer)).toEqual(
        won.map((r) => r.racer),
      );
    });

    it('fails a bad or conflicting append alone and lands the others sent with it', async () => {
      const taken = streamName('taken');
      await subject.store.append(taken, counted(2), 'no_stream');
      const good = Array.from({ length: 6 }, () => streamName('good'));
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      const results = await settle([
        ...good.slice(0, 3).map((stream) => subject.store.append(stream, counted(2), 'no_stream')),
        subject.store.append(taken, counted(1, 3), 1),
        subject.store.append(streamName('bad'), [newEvent('Looped', circular)], 'no_stream'),
        subject.store.append('', counted(1), 'any'),
        subject.store.append(taken, counted(1, 3), 'no_stream'),
        ...good.slice(3).map((stream) => subject.store.append(stream, counted(1), 'any')),
      ]);
      expect(results.map((r) => r.status)).toEqual([
        ...Array<string>(3).fill('fulfilled'),
        ...Array<string>(4).fill('rejected'),
        ...Array<string>(3).fill('fulfilled'),
      ]);
      const reasons = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
      expect(reasons[0]).toMatchObject({ stream: taken, expected: 1, actual: 2 });
      expect(reasons[1]).not.toBeInstanceOf(WrongExpectedVersionError);
      expect(reasons[2]?.message).toMatch(/stream name/i);
      expect(reasons[3]).toMatchObject({ stream: taken, expected: 'no_stream', actual: 2 });
      const all = await subject.store.readAll(0, 1000);
      expect(all.map((e) => e.stream).sort()).toEqual(
        [taken, taken, ...good.flatMap((s, i) => (i < 3 ? [s, s] : [s]))].sort(),
      );
    });

    it('orders positions as appends were acknowledged, and keeps each append together', async () => {
      const before = await subject.store.append(streamName('first'), counted(1), 'no_stream');
      const streams = Array.from({ length: 20 }, () => streamName('batch'));
      const results = await Promise.all(
        streams.map((stream, i) => subject.store.append(stream, counted(1 + (i % 3)), 'no_stream')),
      );
      const after = await subject.store.append(streamName('last'), counted(1), 'no_stream');
      const all = await subject.store.readAll(0, 1000);
      // Acknowledged before another was sent: lower position, as every reader sees it.
      results.forEach((r) => expect(r.position).toBeGreaterThan(before.position));
      results.forEach((r) => expect(r.position).toBeLessThan(after.position));
      expect(all[all.length - 1]?.position).toBe(after.position);
      // No other append's events between the first and last event of one append.
      for (const result of results) {
        const at = all.findIndex((e) => e.position === result.position);
        const own = all.slice(at + 1 - result.version, at + 1);
        expect(own.map((e) => [e.stream, e.version])).toEqual(
          Array.from({ length: result.version }, (_, v) => [result.stream, v + 1]),
        );
      }
    });

    it('makes every acknowledged append visible at once to reads and followers', async () => {
      const follower = startFollowing(subject.store, 0, 5);
      const seenAtAcknowledgement: boolean[] = [];
      const acknowledged: AppendResult[] = [];
      const visible = async (result: AppendResult): Promise<void> => {
        acknowledged.push(result);
        const [stream, all] = await Promise.all([
          subject.store.readStream(result.stream),
          subject.store.readAll(result.position - 1, 1),
        ]);
        seenAtAcknowledgement.push(
          stream.some((e) => e.position === result.position) && all[0]?.position === result.position,
        );
      };
      try {
        await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            subject.store.append(streamName('ack'), counted(1 + (i % 2)), 'no_stream').then(visible),
          ),
        );
        expect(seenAtAcknowledgement).toEqual(acknowledged.map(() => true));
        const all = await subject.store.readAll(0, 1000);
        await eventually(() => expect(follower.seen).toHaveLength(all.length));
        expect(positions(follower.seen)).toEqual(positions(all));
        expectStrictlyIncreasing(follower.seen);
      } finally {
        await follower.stop();
      }
    });
  });
}

function expectStrictlyIncreasing(events: StoredEvent[]): void {
  events.slice(1).forEach((e, i) => expect(e.position).toBeGreaterThan(events[i]?.position ?? Infinity));
}
