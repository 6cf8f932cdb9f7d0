import Database from 'better-sqlite3';
import { eventually, tempDir } from '@app/testing';
import type { TempDir } from '@app/testing';
import { join } from 'node:path';
import { describeEventStoreConformance } from '../../conformance/event-store.conformance';
import { counted, newEvent, positions, startFollowing } from '../../conformance/conformance.fixtures';
import { EventStoreUnavailableError, WrongExpectedVersionError } from '../../event-store.errors';
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

  it('commits appends sent together in one batch, the same stream twice in order', async () => {
    const store = open(join(dir.path, 'events.sqlite'));
    const results = await Promise.all([
      store.append('s-1', counted(1), 'no_stream'),
      store.append('s-2', counted(2), 'any'),
      store.append('s-1', counted(2, 2), 1),
      store.append('s-1', counted(1, 4), 'any'),
    ]);
    expect(results.map((r) => [r.stream, r.version, r.position])).toEqual([
      ['s-1', 1, 1],
      ['s-2', 2, 3],
      ['s-1', 3, 5],
      ['s-1', 4, 6],
    ]);
  });

  it('answers an append only once another connection can read it', async () => {
    const filename = join(dir.path, 'events.sqlite');
    const [writer, reader] = [open(filename), new Database(filename, { readonly: true })];
    const count = reader.prepare<[string], { n: number }>(
      'SELECT COUNT(*) AS n FROM events WHERE stream = ?',
    );
    try {
      const seen = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          writer.append(`s-${i}`, counted(2), 'no_stream').then((r) => count.get(r.stream)?.n),
        ),
      );
      expect(seen).toEqual(Array<number>(20).fill(2));
    } finally {
      reader.close();
    }
  });

  it('fails only the append a statement refuses, and lands the rest of its batch', async () => {
    const filename = join(dir.path, 'events.sqlite');
    const store = open(filename);
    await store.append('s-0', counted(1), 'no_stream');
    const admin = new Database(filename);
    admin.exec(`CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.type = 'Refused'
      BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END`);
    admin.close();
    const results = await Promise.allSettled([
      store.append('s-1', counted(1), 'no_stream'),
      store.append('s-2', [newEvent('Counted'), newEvent('Refused')], 'no_stream'),
      store.append('s-0', counted(1, 2), 0),
      store.append('s-3', counted(2), 'no_stream'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({
      message: 'refused by test trigger',
    });
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
    expect((await store.readAll(0, 100)).map((e) => e.stream)).toEqual(['s-0', 's-1', 's-3', 's-3']);
  });

  it('refuses a whole batch, acknowledging none, when another connection holds the write lock', async () => {
    const filename = join(dir.path, 'events.sqlite');
    const store = openSqliteEventStore(filename, { busyTimeoutMs: 50 });
    opened.push(store);
    const blocker = new Database(filename);
    blocker.exec('BEGIN IMMEDIATE');
    try {
      const results = await Promise.allSettled(
        ['a', 'b', 'c'].map((s) => store.append(s, counted(1), 'no_stream')),
      );
      results.forEach((r) => expect(r).toMatchObject({ reason: expect.any(EventStoreUnavailableError) }));
    } finally {
      blocker.exec('ROLLBACK');
      blocker.close();
    }
    expect(await store.headPosition()).toBe(0);
  });

  it('stores the appends already sent when closed before they were committed', async () => {
    const filename = join(dir.path, 'events.sqlite');
    const store = open(filename);
    const sent = ['a', 'b', 'c'].map((s) => store.append(s, counted(1), 'no_stream'));
    await store.close();
    expect((await Promise.all(sent)).map((r) => r.position)).toEqual([1, 2, 3]);
    expect(await open(filename).headPosition()).toBe(3);
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
