import { SqliteEventStore } from '@app/event-store/sqlite';
import { describeEventStoreConformance } from '@app/event-store/conformance';
import { MeteredEventStore } from './metered-event-store';
import { Metrics } from './metrics';

describeEventStoreConformance('metered SQLite', async () => {
  const inner = new SqliteEventStore({ filename: ':memory:' });
  return { store: new MeteredEventStore(inner, new Metrics(), 'sqlite'), cleanup: () => inner.close() };
});
