import Database from 'better-sqlite3';
import { join } from 'node:path';
import { tempDir } from '@app/testing';
import type { TempDir } from '@app/testing';
import { SqliteEventStore } from '../adapters/sqlite/sqlite-event-store';
import { describeEventStoreConformance } from '../conformance/event-store.conformance';
import { newEvent } from '../conformance/conformance.fixtures';
import { verifyChain } from './event-hash';
import { HashChainedEventStore } from './hash-chained-event-store';

describeEventStoreConformance('hash-chained SQLite', async () => {
  const inner = new SqliteEventStore({ filename: ':memory:' });
  return { store: new HashChainedEventStore(inner), cleanup: () => inner.close() };
});

describe('Tamper evidence', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = tempDir('chain-');
  });
  afterEach(() => dir.remove());

  it('a verifier names the version of an event edited directly in the database', async () => {
    const file = join(dir.path, 'events.sqlite');
    const store = new HashChainedEventStore(new SqliteEventStore({ filename: file }));
    await store.append('referral-a', [newEvent('A', { n: 1 }), newEvent('B', { n: 2 })], 'no_stream');
    await store.append('referral-a', [newEvent('C', { n: 3 })], 2);
    await store.append('referral-a', [newEvent('D', { n: 4 })], 'any');
    expect(verifyChain(await store.readStream('referral-a'))).toEqual({ valid: true, checkedEvents: 4 });

    const db = new Database(file);
    db.prepare(`UPDATE events SET data = '{"n":30}' WHERE stream = 'referral-a' AND version = 3`).run();
    db.close();
    expect(verifyChain(await store.readStream('referral-a'))).toEqual({
      valid: false,
      checkedEvents: 4,
      firstBrokenVersion: 3,
    });
    await store.close();
  });

  it('keeps one chain when two store instances (two processes) append to the same stream', async () => {
    const file = join(dir.path, 'events.sqlite');
    const one = new HashChainedEventStore(new SqliteEventStore({ filename: file }));
    const two = new HashChainedEventStore(new SqliteEventStore({ filename: file }));
    await one.append('referral-b', [newEvent('A')], 'no_stream');
    await two.append('referral-b', [newEvent('B')], 'any');
    await one.append('referral-b', [newEvent('C')], 'any');
    await expect(one.append('referral-b', [newEvent('X')], 2)).rejects.toMatchObject({ actual: 3 });
    await two.append('referral-b', [newEvent('D')], 3);
    expect(verifyChain(await one.readStream('referral-b'))).toEqual({ valid: true, checkedEvents: 4 });
    await Promise.all([one.close(), two.close()]);
  });
});
