import { eventually } from '@app/testing';
import type { StoreUnderTest } from './conformance.fixtures';
import { counted, positions, startFollowing, streamName } from './conformance.fixtures';

export function describeFollowConformance(subject: StoreUnderTest): void {
  describe('follow', () => {
    it('yields existing events, then new ones, in order and once each, until aborted', async () => {
      const [a, b] = [streamName('a'), streamName('b')];
      await subject.store.append(a, counted(5), 'no_stream');
      const follower = startFollowing(subject.store, 0, 2);
      try {
        await eventually(() => expect(follower.seen).toHaveLength(5));
        await subject.store.append(b, counted(2), 'no_stream');
        await subject.store.append(a, counted(1, 6), 5);
        await eventually(() => expect(follower.seen).toHaveLength(8));
        // A last append after several wake-ups: had anything been yielded twice, it would show here.
        const { position } = await subject.store.append(b, counted(1, 3), 2);
        await eventually(() => expect(follower.seen[follower.seen.length - 1]?.position).toBe(position));
      } finally {
        await follower.stop();
      }
      expect(positions(follower.seen)).toEqual(positions(await subject.store.readAll(0, 100)));
      expect(follower.batchSizes.every((size) => size >= 1 && size <= 2)).toBe(true);
    });

    it('follows from a checkpoint in the middle', async () => {
      await subject.store.append(streamName(), counted(6), 'no_stream');
      const all = await subject.store.readAll(0, 100);
      const follower = startFollowing(subject.store, all[3]?.position ?? -1, 10);
      try {
        await eventually(() => expect(positions(follower.seen)).toEqual(positions(all.slice(4))));
      } finally {
        await follower.stop();
      }
    });

    it('ends promptly when aborted while waiting for new events', async () => {
      const follower = startFollowing(subject.store, 0, 10);
      await new Promise((resolve) => setImmediate(resolve));
      await follower.stop();
      await subject.store.append(streamName(), counted(1), 'no_stream');
      expect(follower.seen).toEqual([]);
    });

    it('yields nothing when the signal is already aborted', async () => {
      await subject.store.append(streamName(), counted(2), 'no_stream');
      const controller = new AbortController();
      controller.abort();
      const batches = [];
      for await (const batch of subject.store.follow(0, controller.signal)) batches.push(batch);
      expect(batches).toEqual([]);
    });
  });
}
