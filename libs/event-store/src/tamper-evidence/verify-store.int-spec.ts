import Database from 'better-sqlite3';
import { join } from 'node:path';
import { tempDir } from '@app/testing';
import type { TempDir } from '@app/testing';
import { SqliteEventStore } from '../adapters/sqlite/sqlite-event-store';
import { newEvent } from '../conformance/conformance.fixtures';
import { HashChainedEventStore } from './hash-chained-event-store';
import { verifyStore } from './verify-store';

describe('Verifying the whole store, in replay order', () => {
  let dir: TempDir;
  let file: string;
  beforeEach(async () => {
    dir = tempDir('verify-');
    file = join(dir.path, 'events.sqlite');
    const store = new HashChainedEventStore(new SqliteEventStore({ filename: file }));
    await store.append('referral-a', [newEvent('A', { n: 1 }), newEvent('B', { n: 2 })], 'no_stream');
    await store.append('referral-b', [newEvent('A', { n: 1 })], 'no_stream');
    await store.append('referral-a', [newEvent('C', { n: 3 })], 2);
    await store.close();
  });
  afterEach(() => dir.remove());

  async function verify() {
    const store = new SqliteEventStore({ filename: file });
    try {
      return await verifyStore(store);
    } finally {
      await store.close();
    }
  }

  function tamper(sql: string): void {
    const db = new Database(file);
    db.exec(sql);
    db.close();
  }

  it('passes an untouched store', async () => {
    expect(await verify()).toEqual({ position: 4, streams: 2, broken: new Map() });
  });

  it('names an edited event', async () => {
    tamper(`UPDATE events SET data = '{"n":30}' WHERE stream = 'referral-a' AND version = 3`);
    expect((await verify()).broken).toEqual(new Map([['referral-a', 3]]));
  });

  it('names a stream whose events had their version numbers swapped', async () => {
    tamper(`UPDATE events SET version = -1 WHERE stream = 'referral-a' AND version = 1;
            UPDATE events SET version = 1 WHERE stream = 'referral-a' AND version = 2;
            UPDATE events SET version = 2 WHERE stream = 'referral-a' AND version = -1;`);
    expect((await verify()).broken).toEqual(new Map([['referral-a', 2]]));
  });

  it('names a stream with an event deleted from the middle', async () => {
    tamper(`DELETE FROM events WHERE stream = 'referral-a' AND version = 2`);
    expect((await verify()).broken).toEqual(new Map([['referral-a', 3]]));
  });
});
