import type { StoreUnderTest } from './conformance.fixtures';
import { counted, metadata, newEvent, positions, streamName } from './conformance.fixtures';

export function describeReadConformance(subject: StoreUnderTest): void {
  describe('reading', () => {
    it('reads a stream up to a version', async () => {
      const stream = streamName();
      await subject.store.append(stream, counted(5), 'no_stream');
      const firstThree = await subject.store.readStream(stream, { toVersion: 3 });
      expect(firstThree.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
      expect(await subject.store.readStream(stream, { toVersion: 0 })).toEqual([]);
      expect(await subject.store.readStream(stream, { toVersion: 9 })).toHaveLength(5);
    });

    it('reads a stream after a version, and a slice between two', async () => {
      const stream = streamName();
      await subject.store.append(stream, counted(5), 'no_stream');
      const tail = await subject.store.readStream(stream, { afterVersion: 3 });
      expect(tail.map((e) => [e.version, e.data])).toEqual([
        [4, { n: 4 }],
        [5, { n: 5 }],
      ]);
      const slice = await subject.store.readStream(stream, { afterVersion: 1, toVersion: 3 });
      expect(slice.map((e) => e.version)).toEqual([2, 3]);
      expect(await subject.store.readStream(stream, { afterVersion: 0 })).toEqual(
        await subject.store.readStream(stream),
      );
      expect(await subject.store.readStream(stream, { afterVersion: 5 })).toEqual([]);
      expect(await subject.store.readStream(stream, { afterVersion: 3, toVersion: 3 })).toEqual([]);
      expect(await subject.store.readStream(stream, { afterVersion: 2 ** 40 })).toEqual([]);
      expect(await subject.store.readStream(streamName(), { afterVersion: 2 })).toEqual([]);
    });

    it('refuses a slice bound that is not a version, naming it', async () => {
      await expect(subject.store.readStream(streamName(), { afterVersion: -1 })).rejects.toThrow(
        /afterVersion must be a non-negative integer/,
      );
      await expect(subject.store.readStream(streamName(), { afterVersion: 1.5 })).rejects.toThrow(
        /afterVersion/,
      );
    });

    it('reads a missing stream as no events', async () => {
      expect(await subject.store.readStream(streamName())).toEqual([]);
    });

    it('reads all streams from the start in batches', async () => {
      const [a, b] = [streamName('a'), streamName('b')];
      await subject.store.append(a, counted(3), 'no_stream');
      await subject.store.append(b, counted(2), 'no_stream');
      const all = await subject.store.readAll(0, 100);
      const firstBatch = await subject.store.readAll(0, 2);
      expect(all.map((e) => e.stream)).toEqual([a, a, a, b, b]);
      expect(firstBatch).toEqual(all.slice(0, 2));
    });

    it('reads all from a position in the middle, excluding it', async () => {
      await subject.store.append(streamName(), counted(6), 'no_stream');
      const all = await subject.store.readAll(0, 100);
      const checkpoint = all[2]?.position ?? -1;
      expect(positions(await subject.store.readAll(checkpoint, 2))).toEqual(positions(all.slice(3, 5)));
      expect(positions(await subject.store.readAll(checkpoint, 100))).toEqual(positions(all.slice(3)));
      expect(await subject.store.readAll(all[5]?.position ?? -1, 100)).toEqual([]);
    });

    it('tells the head position, 0 when empty', async () => {
      expect(await subject.store.headPosition()).toBe(0);
      const { position } = await subject.store.append(streamName(), counted(3), 'no_stream');
      expect(await subject.store.headPosition()).toBe(position);
    });

    it('round-trips metadata and stamps when the event was recorded', async () => {
      const stream = streamName();
      const input = metadata({
        actor: { sub: 'lw-7', roles: ['link_worker', 'auditor'] },
        requestHash: 'abc',
        tags: ['x'],
      });
      const before = new Date().toISOString();
      await subject.store.append(stream, [{ type: 'Started', data: {}, metadata: input }], 'no_stream');
      const after = new Date().toISOString();
      const [stored] = await subject.store.readStream(stream);
      // `hash` is added by the tamper-evident wrapper, which runs this suite too.
      const {
        recordedAt,
        hash: _hash,
        ...rest
      } = (stored?.metadata ?? { recordedAt: '' }) as Record<string, unknown> & { recordedAt: string };
      expect(rest).toEqual(input);
      expect(new Date(recordedAt).toISOString()).toBe(recordedAt);
      expect(recordedAt >= before && recordedAt <= after).toBe(true);
    });

    it('stamps recordedAt itself, whatever the caller sent', async () => {
      const stream = streamName();
      await subject.store.append(
        stream,
        [newEvent('Started', {}, { recordedAt: '1999-01-01T00:00:00.000Z' })],
        'any',
      );
      const [stored] = await subject.store.readStream(stream);
      expect(stored?.metadata.recordedAt).not.toBe('1999-01-01T00:00:00.000Z');
    });

    it('round-trips nested JSON data and unicode', async () => {
      const stream = streamName();
      const data = {
        name: 'Zoë Ní Bhriain 🌱 — 日本語',
        nested: { list: [1, 2.5, -3, { deep: [null, true, false] }], empty: {}, none: null },
        quote: 'it\'s "quoted" \\ back\nslash',
      };
      await subject.store.append(
        stream,
        [newEvent('Noted', data), newEvent('Nothing', null), newEvent('Listed', [1, 'a'])],
        'any',
      );
      expect((await subject.store.readStream(stream)).map((e) => e.data)).toEqual([data, null, [1, 'a']]);
    });
  });

  describe('closing', () => {
    it('can be closed more than once', async () => {
      await subject.store.close();
      await expect(subject.store.close()).resolves.toBeUndefined();
    });
  });
}
