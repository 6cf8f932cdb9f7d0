import { eventually, tempDir } from '@app/testing';
import type { TempDir } from '@app/testing';
import { join } from 'node:path';
import { describeEventStoreConformance } from '../../conformance/event-store.conformance';
import { counted, newEvent, positions, startFollowing } from '../../conformance/conformance.fixtures';
import { EventStoreUnavailableError } from '../../event-store.errors';
import { SqliteEventStore, openSqliteEventStore } from './sqlite-event-store';

describeEventStoreConformance('SQLite on a file', async () => {
  const dir = tempDir('sqlite-event-store-');
  const store = openSqliteEventStore(join(dir.path, 'events.sqlite'), { pollIntervalMs: 20 });
  return {
    store,
    cleanup: async () => {
      await store.close();
      dir.remove();
    },
  };
});

describeEventStoreConformance('SQLite in memory', async () => {
  const store = new SqliteEventStore({ filename: ':memory:' });
  return { store, cleanup: () => store.close() };
});

describe('SQLite event store on a file', () => {
  let dir: TempDir;
  const opened: SqliteEventStore[] = [];
  const open = (filename: string): SqliteEventStore => {
    const store = openSqliteEventStore(filename, { pollIntervalMs: 20 });
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dir = tempDir('sqlite-event-store-');
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    dir.remove();
  });

  it('keeps appended events after being closed and reopened', async () => {
    const filename = join(dir.path, 'events.sqlite');
    const first = open(filename);
    await first.append('referral-1', [newEvent('ReferralReceived', { name: 'Zoë' })], 'no_stream');
    await first.close();
    const reopened = open(filename);
    expect((await reopened.readStream('referral-1')).map((e) => e.data)).toEqual([{ name: 'Zoë' }]);
    await expect(reopened.append('referral-1', counted(1), 1)).resolves.toMatchObject({
      version: 2,
      position: 2,
    });
  });

  it('creates the directory of its file', async () => {
    const store = open(join(dir.path, 'nested', 'deeper', 'events.sqlite'));
    await expect(store.append('s-1', counted(1), 'no_stream')).resolves.toMatchObject({ version: 1 });
  });

  it('lets a follower see events another process appends to the same file', async () => {
    const filename = join(dir.path, 'events.sqlite');
    const [reader, writer] = [open(filename), open(filename)];
    await writer.append('s-1', counted(2), 'no_stream');
    const follower = startFollowing(reader, 0, 100);
    try {
      await eventually(() => expect(follower.seen).toHaveLength(2));
      await writer.append('s-2', counted(3), 'no_stream');
      await eventually(() => expect(follower.seen).toHaveLength(5));
    } finally {
      await follower.stop();
    }
    expect(positions(follower.seen)).toEqual([1, 2, 3, 4, 5]);
  });

  it('checks the expected version against appends made by another process', async () => {
    const filename = join(dir.path, 'events.sqlite');
    const [one, other] = [open(filename), open(filename)];
    await one.append('s-1', counted(1), 'no_stream');
    await other.append('s-1', counted(1, 2), 1);
    await expect(one.append('s-1', counted(1, 3), 1)).rejects.toMatchObject({ actual: 2 });
  });

  it('answers as unavailable once closed, and ends its followers', async () => {
    const store = open(join(dir.path, 'events.sqlite'));
    const follower = startFollowing(store, 0, 10);
    await store.close();
    await follower.stop();
    await expect(store.headPosition()).rejects.toThrow(EventStoreUnavailableError);
  });
});

// A poll interval far beyond jest's timeout: only the in-process wake-ups can end these tests.
describe('SQLite event store followers in the same process', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = new SqliteEventStore({ filename: ':memory:', pollIntervalMs: 60_000 });
  });
  afterEach(() => store.close());

  it('see an append at once, without waiting for the poll', async () => {
    const follower = startFollowing(store, 0, 10);
    try {
      await new Promise((resolve) => setImmediate(resolve));
      await store.append('s-1', counted(2), 'no_stream');
      await eventually(() => expect(follower.seen).toHaveLength(2));
    } finally {
      await follower.stop();
    }
  });

  it('end at once when aborted while caught up', async () => {
    const follower = startFollowing(store, 0, 10);
    await new Promise((resolve) => setImmediate(resolve));
    await follower.stop();
    expect(follower.seen).toEqual([]);
  });
});
