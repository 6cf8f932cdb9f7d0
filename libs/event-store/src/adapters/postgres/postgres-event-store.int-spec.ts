import { dropSchema, eventually, queryDatabase, testDatabaseUrl, uniqueName } from '@app/testing';
import { counted, newEvent, startFollowing } from '../../conformance/conformance.fixtures';
import { describeEventStoreConformance } from '../../conformance/event-store.conformance';
import { EventStoreUnavailableError, WrongExpectedVersionError } from '../../event-store.errors';
import type { StoredEvent } from '../../event-store.port';
import { PostgresEventStore, openPostgresEventStore } from './postgres-event-store';

const url = testDatabaseUrl();

describeEventStoreConformance('PostgreSQL', async () => {
  const schema = uniqueName('es_conf');
  const store = await openPostgresEventStore({
    connectionString: url,
    schema,
    poolSize: 4,
    pollIntervalMs: 20,
  });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
});

describe('PostgreSQL event store', () => {
  let schema: string;
  const opened: PostgresEventStore[] = [];
  const open = async (options: { poolSize?: number; pollIntervalMs?: number } = {}) => {
    const store = await openPostgresEventStore({ connectionString: url, schema, ...options });
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    schema = uniqueName('es_pg');
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await dropSchema(schema);
  });

  it('gives a follower every event exactly once while many writers in several processes commit out of order', async () => {
    const writers = await Promise.all([1, 2, 3, 4].map(() => open({ poolSize: 4 })));
    // A follower in another "process" (its own pool, polling) and one woken in-process.
    const remote = startFollowing(await open({ pollIntervalMs: 2 }), 0, 7);
    const local = startFollowing(writers[0]!, 0, 50);
    const streams = Array.from({ length: 12 }, (_, i) => `referral-${i}`);
    let appended = 0;
    const loops = writers.flatMap((store, w) =>
      Array.from({ length: 4 }, async (_, l) => {
        for (let i = 0; i < 25; i++) {
          const size = 1 + ((w + l + i) % 3);
          await store.append(streams[(w * 7 + l * 3 + i) % streams.length]!, counted(size), 'any');
          appended += size;
        }
      }),
    );
    try {
      await Promise.all(loops);
      const head = await writers[1]!.headPosition();
      expect(head).toBe(appended);
      await eventually(() => expect(remote.seen).toHaveLength(appended), 15_000);
      await eventually(() => expect(local.seen).toHaveLength(appended), 15_000);
    } finally {
      await Promise.all([remote.stop(), local.stop()]);
    }
    const all = await writers[2]!.readAll(0, 10_000);
    const key = (e: StoredEvent) => `${e.position}:${e.stream}:${e.version}`;
    for (const follower of [remote, local]) {
      expect(follower.seen.map((e) => e.position)).toEqual(Array.from({ length: appended }, (_, i) => i + 1));
      expect(follower.seen.map(key)).toEqual(all.map(key));
    }
    for (const stream of streams) {
      const versions = all.filter((e) => e.stream === stream).map((e) => e.version);
      expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
    }
  }, 60_000);

  it('lets two stores on the same database check expected versions against each other', async () => {
    const [one, other] = [await open(), await open()];
    await one.append('s-1', counted(1), 'no_stream');
    await other.append('s-1', counted(1, 2), 1);
    await expect(one.append('s-1', counted(1, 3), 1)).rejects.toMatchObject({ actual: 2 });
  });

  it('commits appends sent together in order, the same stream twice seeing the earlier one', async () => {
    const store = await open();
    const results = await Promise.all([
      store.append('s-1', counted(1), 'no_stream'),
      store.append('s-2', counted(2), 'any'),
      store.append('s-1', counted(2, 2), 1),
      store.append('s-1', counted(1, 4), 'any'),
      store.append('s-2', counted(1, 3), 'no_stream').catch((e: unknown) => e),
    ]);
    expect(
      results.slice(0, 4).map((r) => r as { stream: string; version: number; position: number }),
    ).toEqual([
      { stream: 's-1', version: 1, position: 1 },
      { stream: 's-2', version: 2, position: 3 },
      { stream: 's-1', version: 3, position: 5 },
      { stream: 's-1', version: 4, position: 6 },
    ]);
    expect(results[4]).toMatchObject({ stream: 's-2', actual: 2 });
    expect(results[4]).toBeInstanceOf(WrongExpectedVersionError);
  });

  it('answers an append only once another server connection can read it', async () => {
    const [writer, reader] = [await open(), await open()];
    const seen = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        writer
          .append(`s-${i}`, counted(2), 'no_stream')
          .then(async (r) => (await reader.readStream(r.stream)).length),
      ),
    );
    expect(seen).toEqual(Array<number>(20).fill(2));
  });

  it('fails only the append the server refuses, and lands the rest of its batch', async () => {
    const store = await open();
    // A trigger refuses one event type inside the transaction, as the server would refuse a row it cannot hold.
    await queryDatabase(
      url,
      `CREATE FUNCTION "${schema}".refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.type = 'RefusedByServer' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$`,
    );
    await queryDatabase(
      url,
      `CREATE TRIGGER refuse BEFORE INSERT ON "${schema}".events FOR EACH ROW EXECUTE FUNCTION "${schema}".refuse()`,
    );
    const results = await Promise.allSettled([
      store.append('s-1', counted(1), 'no_stream'),
      store.append('s-2', [newEvent('Counted'), newEvent('RefusedByServer')], 'no_stream'),
      store.append('s-3', counted(2), 'no_stream'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.readAll(0, 100)).map((e) => [e.position, e.stream])).toEqual([
      [1, 's-1'],
      [2, 's-3'],
      [3, 's-3'],
    ]);
  });

  it('stores event text exactly, including what jsonb would refuse or reorder', async () => {
    const store = await open();
    const data = { z: 1, a: 'nul \u0000 inside', nested: { b: 2, a: 1 } };
    await store.append('s-1', [newEvent('Noted', data)], 'no_stream');
    const [stored] = await store.readStream('s-1');
    expect(JSON.stringify(stored?.data)).toBe(JSON.stringify(data));
  });

  it('answers as unavailable once closed, and ends its followers', async () => {
    const store = await open();
    const follower = startFollowing(store, 0, 10);
    await store.close();
    await follower.stop();
    await expect(store.headPosition()).rejects.toThrow(EventStoreUnavailableError);
  });
});

describe('Opening the PostgreSQL event store', () => {
  const withUrl = (change: (u: URL) => void): string => {
    const u = new URL(url);
    change(u);
    return u.toString();
  };

  it.each([
    [
      'an unreachable server',
      withUrl((u) => (u.port = '1')),
      /Cannot open the PostgreSQL event store at .*:1\/.*ECONNREFUSED/,
    ],
    [
      'a database that does not exist',
      withUrl((u) => (u.pathname = '/no_such_database_here')),
      /database "no_such_database_here" does not exist/,
    ],
    ['an unknown user', withUrl((u) => (u.username = 'nobody_here')), /role "nobody_here" does not exist/],
  ])('fails with one line naming the server for %s', async (_, connectionString, message) => {
    const error = await openPostgresEventStore({ connectionString, connectTimeoutMs: 2000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('never shows the password of the connection string', async () => {
    const connectionString = withUrl((u) => {
      u.port = '1';
      u.password = 's3cret-pw';
    });
    const error = (await openPostgresEventStore({ connectionString }).catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain('s3cret-pw');
  });
});
