import { randomUUID } from 'node:crypto';
import { eventually } from '@app/testing';
import { counted, startFollowing } from '../../conformance/conformance.fixtures';
import { describeEventStoreConformance } from '../../conformance/event-store.conformance';
import { EventStoreUnavailableError } from '../../event-store.errors';
import { openKurrentDbEventStore } from './kurrentdb-event-store';

// No KurrentDB server can run on the CI machines, and no fake stands in for one: the suite
// runs against a real server when KURRENTDB_CONNECTION_STRING is set, e.g.
//   docker compose up -d kurrentdb
//   KURRENTDB_CONNECTION_STRING='kurrentdb://localhost:2113?tls=false' npx jest kurrentdb
const connectionString = process.env.KURRENTDB_CONNECTION_STRING;

if (connectionString) {
  // Each test writes under its own stream prefix, so it sees an empty store on a shared server.
  describeEventStoreConformance('KurrentDB', async () => {
    const store = await openKurrentDbEventStore({
      connectionString,
      streamPrefix: `t${randomUUID().slice(0, 8)}-`,
    });
    return { store, cleanup: () => store.close() };
  });

  describe('KurrentDB event store', () => {
    it('follows a large backlog in batches and then live appends', async () => {
      const store = await openKurrentDbEventStore({
        connectionString,
        streamPrefix: `t${randomUUID().slice(0, 8)}-`,
      });
      try {
        for (let i = 0; i < 20; i++) await store.append(`s-${i}`, counted(10), 'no_stream');
        const follower = startFollowing(store, 0, 50);
        try {
          await eventually(() => expect(follower.seen).toHaveLength(200), 20_000);
          await store.append('s-live', counted(3), 'no_stream');
          await eventually(() => expect(follower.seen).toHaveLength(203), 10_000);
        } finally {
          await follower.stop();
        }
        expect(follower.seen.map((e) => e.position)).toEqual(
          (await store.readAll(0, 1000)).map((e) => e.position),
        );
      } finally {
        await store.close();
      }
    }, 60_000);
  });
} else {
  beforeAll(() => {
    process.stdout.write(
      'KurrentDB conformance suite NOT RUN: set KURRENTDB_CONNECTION_STRING to run it against a server.\n',
    );
  });
}

describe('Opening the KurrentDB event store', () => {
  it('fails with one line naming the server, never its credentials, when nothing answers', async () => {
    const error = (await openKurrentDbEventStore({
      connectionString: 'kurrentdb://admin:s3cret-pw@127.0.0.1:1?tls=false&defaultDeadline=2000',
    }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(error.message).toMatch(/^Cannot open the KurrentDB event store at 127\.0\.0\.1:1: /);
    expect(error.message).not.toContain('s3cret-pw');
    expect(error.message).not.toContain('\n');
  }, 20_000);
});
