import { tempDir } from '@app/testing';
import { join } from 'node:path';
import { openSqliteEventStore } from './adapters/sqlite/sqlite-event-store';
import type { NewEvent, StoredEvent } from './event-store.port';
import { LingeringFollowStore } from './lingering-follow';

const event = (n: number): NewEvent => ({
  type: 'Noted',
  data: { n },
  metadata: {
    eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    occurredAt: '2026-11-22T10:00:00.000Z',
    actor: { sub: 'test', roles: ['service_manager'] },
    correlationId: 'lingering-follow',
    causationId: 'lingering-follow',
    schemaVersion: 1,
  },
});

describe('LingeringFollowStore', () => {
  const dir = tempDir('lingering-follow-');
  afterAll(() => dir.remove());

  it('hands a follower the appends of its linger window as one batch, each event once and in order', async () => {
    const store = new LingeringFollowStore(openSqliteEventStore(join(dir.path, 'events.sqlite')), 2_000);
    const controller = new AbortController();
    const batches: StoredEvent[][] = [];
    const following = (async () => {
      for await (const batch of store.follow(0, controller.signal, 100)) {
        batches.push(batch);
        if (batches.flat().length >= 21) controller.abort();
      }
    })();
    await store.append('note-0', [event(0)], 'no_stream');
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (let n = 1; n <= 20; n++) await store.append(`note-${n}`, [event(n)], 'no_stream');
    await following;
    await store.close();
    expect(batches.flat().map((e) => (e.data as { n: number }).n)).toEqual([...Array(21).keys()]);
    expect(batches.length).toBeLessThanOrEqual(3);
  }, 20_000);

  // A linger far beyond the test's timeout: only the abort can end the loop in time.
  it('stops lingering at once when the follower is aborted', async () => {
    const store = new LingeringFollowStore(openSqliteEventStore(join(dir.path, 'abort.sqlite')), 60_000);
    await store.append('note-1', [event(1)], 'no_stream');
    const controller = new AbortController();
    for await (const batch of store.follow(0, controller.signal, 100)) {
      expect(batch).toHaveLength(1);
      setTimeout(() => controller.abort(), 20);
    }
    await store.close();
  }, 5_000);
});
