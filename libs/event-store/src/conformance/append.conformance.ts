import { WrongExpectedVersionError } from '../event-store.errors';
import type { StoreUnderTest } from './conformance.fixtures';
import { counted, newEvent, streamName } from './conformance.fixtures';

export function describeAppendConformance(subject: StoreUnderTest): void {
  describe('append', () => {
    it.each([['no_stream' as const], [0], ['any' as const]])(
      'creates a stream expected at %p',
      async (expected) => {
        const stream = streamName();
        const result = await subject.store.append(stream, [newEvent('Started')], expected);
        const events = await subject.store.readStream(stream);
        expect(result).toEqual({ stream, version: 1, position: events[0]?.position });
        expect(events.map((e) => [e.version, e.type])).toEqual([[1, 'Started']]);
      },
    );

    it('appends to an existing stream at its current version or with any', async () => {
      const stream = streamName();
      await subject.store.append(stream, counted(2), 'no_stream');
      await subject.store.append(stream, counted(1, 3), 2);
      const result = await subject.store.append(stream, counted(1, 4), 'any');
      expect(result.version).toBe(4);
      expect((await subject.store.readStream(stream)).map((e) => e.version)).toEqual([1, 2, 3, 4]);
    });

    it.each([
      ['a stale version', 1],
      ['a version ahead of the stream', 3],
      ['no_stream', 'no_stream' as const],
    ])('rejects %s on a stream at version 2, telling the actual version', async (_, expected) => {
      const stream = streamName();
      await subject.store.append(stream, counted(2), 'no_stream');
      const error = await subject.store.append(stream, counted(1, 3), expected).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({
        stream,
        expected,
        actual: 2,
        code: 'EVENT_STORE.WRONG_EXPECTED_VERSION',
      });
    });

    it('rejects an expected version on a missing stream, telling version 0', async () => {
      const error = await subject.store.append(streamName(), counted(1), 1).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ actual: 0 });
    });

    it('numbers a stream 1..N and gives every event a strictly higher global position', async () => {
      const [a, b] = [streamName('a'), streamName('b')];
      await subject.store.append(a, counted(2), 'no_stream');
      await subject.store.append(b, counted(1), 'no_stream');
      const last = await subject.store.append(a, counted(2, 3), 2);
      const all = await subject.store.readAll(0, 100);
      expect(all.map((e) => [e.stream, e.version])).toEqual([
        [a, 1],
        [a, 2],
        [b, 1],
        [a, 3],
        [a, 4],
      ]);
      // Positive, not necessarily 1: KurrentDB's positions are offsets in a log shared with other streams.
      expect(all[0]?.position).toBeGreaterThan(0);
      all
        .slice(1)
        .forEach((event, i) => expect(event.position).toBeGreaterThan(all[i]?.position ?? Infinity));
      expect(last).toEqual({ stream: a, version: 4, position: all[4]?.position });
    });

    it('writes nothing of a multi-event append whose expected version fails', async () => {
      const stream = streamName();
      await subject.store.append(stream, counted(1), 'no_stream');
      const head = await subject.store.headPosition();
      await expect(subject.store.append(stream, counted(3, 2), 0)).rejects.toThrow(WrongExpectedVersionError);
      expect(await subject.store.readStream(stream)).toHaveLength(1);
      expect(await subject.store.headPosition()).toBe(head);
    });

    it('treats an append of no events as writing nothing and answers the current version', async () => {
      const stream = streamName();
      const appended = await subject.store.append(stream, counted(2), 'no_stream');
      expect(await subject.store.append(stream, [], 'any')).toEqual(appended);
      expect(await subject.store.append(streamName(), [], 'no_stream')).toMatchObject({ version: 0 });
      expect(await subject.store.headPosition()).toBe(appended.position);
    });

    it('lets exactly one of ten racing appends at the same expected version win', async () => {
      const stream = streamName();
      await subject.store.append(stream, counted(1), 'no_stream');
      const racers = Array.from({ length: 10 }, (_, i) =>
        subject.store.append(stream, [newEvent('Raced', { racer: i })], 1),
      );
      const results = await Promise.allSettled(racers);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      rejected.forEach((r) => expect(r.reason).toBeInstanceOf(WrongExpectedVersionError));
      expect((await subject.store.readStream(stream)).map((e) => e.type)).toEqual(['Counted', 'Raced']);
    });

    it.each([
      ['an empty stream name', '', newEvent('Started')],
      ['a blank stream name', '   ', newEvent('Started')],
      ['an empty event type', 'ok', newEvent('')],
      ['a non-string event type', 'ok', { ...newEvent('x'), type: 42 as unknown as string }],
      ['a stream name with a NUL character', 'ok\u0000no', newEvent('Started')],
      ['an event type with a NUL character', 'ok', newEvent('Start\u0000ed')],
    ])('refuses %s with a clear error and writes nothing', async (_, stream, event) => {
      const error = await subject.store.append(stream, [event], 'any').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(WrongExpectedVersionError);
      expect((error as Error).message).toMatch(/stream name|type/i);
      expect(await subject.store.headPosition()).toBe(0);
    });
  });
}
