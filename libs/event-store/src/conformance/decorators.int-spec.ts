import { SqliteEventStore } from '../adapters/sqlite/sqlite-event-store';
import { LingeringFollowStore } from '../lingering-follow';
import { HashChainedEventStore } from '../tamper-evidence/hash-chained-event-store';
import { describeEventStoreConformance } from './event-store.conformance';

// Every decorator of the port passes the same suite as the adapters (the hash chain has its own spec;
// the encrypting store and the metered store theirs, beside their code).
describeEventStoreConformance('lingering follow over SQLite', async () => {
  const inner = new SqliteEventStore({ filename: ':memory:' });
  return { store: new LingeringFollowStore(inner, 5), cleanup: () => inner.close() };
});

describeEventStoreConformance('lingering follow over hash-chained SQLite', async () => {
  const inner = new SqliteEventStore({ filename: ':memory:' });
  const store = new LingeringFollowStore(new HashChainedEventStore(inner), 5);
  return { store, cleanup: () => inner.close() };
});
