import { randomUUID } from 'node:crypto';
import type { EventMetadataInput, EventStore, NewEvent, StoredEvent } from '../event-store.port';

/** Creates a store holding no events, and a function that closes and discards it. */
export type EventStoreFactory = () => Promise<{ store: EventStore; cleanup: () => Promise<void> }>;

export type StoreUnderTest = { readonly store: EventStore };

/** A fresh store for each test of the enclosing `describe`, cleaned up after it. */
export function useStoreUnderTest(factory: EventStoreFactory): StoreUnderTest {
  let current: Awaited<ReturnType<EventStoreFactory>> | undefined;
  beforeEach(async () => {
    current = await factory();
  });
  afterEach(async () => {
    await current?.cleanup();
    current = undefined;
  });
  return {
    get store(): EventStore {
      if (current === undefined) throw new Error('The store under test exists only inside a test');
      return current.store;
    },
  };
}

export const streamName = (prefix = 'thing'): string => `${prefix}-${randomUUID()}`;

export function metadata(overrides: Partial<EventMetadataInput> = {}): EventMetadataInput {
  const eventId = randomUUID();
  return {
    eventId,
    occurredAt: '2025-03-01T09:30:00.000Z',
    actor: { sub: 'worker-1', roles: ['link_worker'] },
    correlationId: 'correlation-1',
    causationId: 'causation-1',
    schemaVersion: 1,
    ...overrides,
  };
}

export function newEvent(
  type: string,
  data: unknown = { n: 0 },
  overrides: Partial<EventMetadataInput> = {},
): NewEvent {
  return { type, data, metadata: metadata(overrides) };
}

/** `count` events `Counted` with data `{ n: 1..count }`. */
export function counted(count: number, from = 1): NewEvent[] {
  return Array.from({ length: count }, (_, i) => newEvent('Counted', { n: from + i }));
}

export const positions = (events: StoredEvent[]): number[] => events.map((e) => e.position);

/** A running `follow` collecting every event it yields; `stop` aborts it and waits for it to end. */
export function startFollowing(store: EventStore, after: number, batchSize: number) {
  const controller = new AbortController();
  const seen: StoredEvent[] = [];
  const batchSizes: number[] = [];
  const done = (async () => {
    for await (const batch of store.follow(after, controller.signal, batchSize)) {
      batchSizes.push(batch.length);
      seen.push(...batch);
    }
  })();
  // Observed through `stop`; this keeps a failure from being reported as unhandled first.
  done.catch(() => undefined);
  return {
    seen,
    batchSizes,
    stop: async (): Promise<void> => {
      controller.abort();
      await done;
    },
  };
}
