import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { HEADERS, topicNames } from '@app/contracts';
import type { TopicNames } from '@app/contracts';
import { openSqliteEventStore } from '@app/event-store/sqlite';
import type { EventStore, NewEvent, StoredEvent } from '@app/event-store';
import { KafkaMessaging } from '@app/messaging';
import type { InboundMessage, MessagePublisher, OutboundMessage } from '@app/messaging';
import { openEventStoreLayers } from '@app/privacy';
import { ReadModels } from '@app/read-models';
import {
  deleteKafkaTopics,
  describeWithKafka,
  eventually,
  generateReferralHistories,
  kafkaTestBrokers,
  recordTopics,
  tempDir,
  uniqueKafkaPrefix,
} from '@app/testing';
import { IntegrationRelay } from './integration-relay';
import type { RelayDeps } from './integration-relay';
import { RELAYED_EVENTS } from './outbound-messages';
import { ReadModelRelayState } from './relay-state.store';
import type { RelayState } from './relay-state.store';
import { relayTopics } from './relay-topics';

const clock = () => new Date().toISOString();
const log = () => undefined;

/** Events as the service records them; every third referral arrived over Kafka, so its status messages name the partner's message. */
function recorded(referralId: string, index: number, type: string, data: unknown): NewEvent {
  const eventId = randomUUID();
  const fromPartner = type === 'ReferralReceived' && index % 3 === 0;
  return {
    type,
    data,
    metadata: {
      eventId,
      occurredAt: '2026-09-01T10:00:00.000Z',
      actor: { sub: 'lw-1', roles: ['link_worker'] },
      correlationId: `corr-${eventId}`,
      causationId: eventId,
      schemaVersion: 1,
      ...(fromPartner ? { sourceSystem: 'gp-system-1', messageId: `msg-${referralId}` } : {}),
    },
  };
}

/** Generated referral histories appended event by event, round robin, so the referrals' events interleave in the log. */
async function interleavedHistories(store: EventStore, count: number, seed: number): Promise<void> {
  const histories = generateReferralHistories(count, seed);
  const longest = Math.max(...histories.map((h) => h.events.length));
  for (let version = 0; version < longest; version++) {
    for (const [index, h] of histories.entries()) {
      const event = h.events[version];
      if (event === undefined) continue;
      await store.append(
        h.stream,
        [recorded(h.referralId, index, event.type, event.data)],
        version === 0 ? 'no_stream' : version,
      );
    }
  }
}

type Publish = { messages: OutboundMessage[]; outcome: 'acknowledged' | 'failed' };

/** The real publisher, with every publish recorded; `fail` picks calls (1-based) to fail before or after the broker stored them. */
function recordingPublisher(
  inner: MessagePublisher,
  fail: Record<number, 'before sending' | 'after sending'> = {},
): MessagePublisher & { publishes: Publish[]; acknowledged: Set<string>; mostAtOnce: number } {
  const publishes: Publish[] = [];
  const acknowledged = new Set<string>();
  let inFlight = 0;
  const self = {
    publishes,
    acknowledged,
    mostAtOnce: 0,
    async publish(messages: OutboundMessage[]) {
      inFlight += 1;
      self.mostAtOnce = Math.max(self.mostAtOnce, inFlight);
      const call = publishes.length + 1;
      try {
        if (fail[call] === 'before sending') throw new Error(`publish ${call} refused by the test`);
        await inner.publish(messages);
        if (fail[call] === 'after sending') throw new Error(`publish ${call} stored but not acknowledged`);
        for (const m of messages) acknowledged.add(m.headers![HEADERS.eventId]!);
        publishes.push({ messages, outcome: 'acknowledged' });
      } catch (error) {
        publishes.push({ messages, outcome: 'failed' });
        throw error;
      } finally {
        inFlight -= 1;
      }
    },
    close: () => inner.close(),
  };
  return self;
}

/** The relay's state, with each checkpoint saved checked against what the broker had acknowledged at that moment. */
function checkedState(
  inner: RelayState,
  relayed: () => StoredEvent[],
  acknowledged: Set<string>,
): RelayState & { saved: number[]; premature: string[] } {
  const saved: number[] = [];
  const premature: string[] = [];
  return {
    saved,
    premature,
    checkpoint: (name) => inner.checkpoint(name),
    saveCheckpoint: async (name, position, now) => {
      saved.push(position);
      for (const e of relayed())
        if (e.position <= position && !acknowledged.has(e.metadata.eventId))
          premature.push(`checkpoint ${position} before ${e.type} at ${e.position} was acknowledged`);
      await inner.saveCheckpoint(name, position, now);
    },
    publishedRows: (topic) => inner.publishedRows(topic),
    savePublishedRows: (topic, rows) => inner.savePublishedRows(topic, rows),
  };
}

describeWithKafka('IntegrationRelay, pipelined', () => {
  const dir = tempDir('relay-pipeline-');
  const prefixes: string[] = [];
  const messaging = new KafkaMessaging({
    brokers: kafkaTestBrokers().split(','),
    clientId: 'relay-pipeline-spec',
  });
  let store: EventStore;
  let relayed: StoredEvent[];
  const dbs: ReadModels[] = [];

  const topicsFor = async (name: string): Promise<TopicNames> => {
    const prefix = uniqueKafkaPrefix(name);
    prefixes.push(prefix);
    const topics = topicNames(prefix);
    await messaging.ensureTopics(relayTopics(topics));
    return topics;
  };
  const freshState = async (): Promise<ReadModelRelayState> => {
    const db = await ReadModels.openSqlite(join(dir.path, `read-models-${randomUUID()}.sqlite`));
    dbs.push(db);
    return ReadModelRelayState.open(db.embeddedStateDatabase);
  };
  /** Runs the relay until its checkpoint reaches the head of `on`, then stops it. */
  const drain = async (relay: IntegrationRelay, on: EventStore = store): Promise<void> => {
    const stop = new AbortController();
    const running = relay.run(stop.signal);
    try {
      const head = await on.headPosition();
      await eventually(async () => expect(await relay.checkpoint()).toBe(head), 30_000, 20);
    } finally {
      stop.abort();
      await running;
    }
  };
  /** Event ids per topic and key, in the order they arrived or were stored: the order Kafka keeps. */
  const arrivedInOrder = (arrived: InboundMessage[]) =>
    inOrder(arrived.map((m) => [`${m.topic} ${m.key!.toString()}`, m.headers[HEADERS.eventId]!]));
  const storedInOrder = (topics: TopicNames) =>
    inOrder(
      relayed.map((e) => {
        const data = e.data as { referralId: string; target?: keyof TopicNames['handoffs'] };
        const topic = data.target ? topics.handoffs[data.target] : topics.referralStatus;
        return [`${topic} ${data.referralId}`, e.metadata.eventId];
      }),
    );
  const inOrder = (pairs: string[][]) => {
    const byKey = new Map<string, string[]>();
    for (const [key, eventId] of pairs) byKey.set(key!, [...(byKey.get(key!) ?? []), eventId!]);
    return byKey;
  };
  const firstOccurrences = (ids: string[]) => [...new Set(ids)];

  beforeAll(async () => {
    store = openSqliteEventStore(join(dir.path, 'events.sqlite'), { synchronous: 'NORMAL' });
    await interleavedHistories(store, 150, 7);
    relayed = (await store.readAll(0, 100_000)).filter((e) => RELAYED_EVENTS.has(e.type));
  }, 60_000);
  afterAll(async () => {
    for (const prefix of prefixes) await deleteKafkaTopics(prefix);
    for (const db of dbs) await db.close();
    await store.close();
    dir.remove();
  });

  it('moves the checkpoint only past events the broker acknowledged, one publish at a time, and keeps each referral in order', async () => {
    const topics = await topicsFor('relay-order');
    const publisher = recordingPublisher(messaging.publisher());
    const state = checkedState(await freshState(), () => relayed, publisher.acknowledged);
    const recorder = recordTopics(messaging, [topics.referralStatus, ...Object.values(topics.handoffs)]);
    const relay = new IntegrationRelay({
      store,
      state,
      publisher,
      topics,
      log,
      clock,
      batchSize: 25,
      sendLimits: { messages: 7, bytes: 1_000_000 },
    });
    try {
      await drain(relay);
      const arrived = await recorder.waitFor(
        (m) => m.length >= relayed.length,
        30_000,
        'every relayed event',
      );

      expect(state.premature).toEqual([]);
      expect(state.saved).toEqual([...state.saved].sort((a, b) => a - b));
      expect(publisher.mostAtOnce).toBe(1);
      expect(publisher.publishes.length).toBeGreaterThan(relayed.length / 7);
      const published = arrivedInOrder(arrived);
      const stored = storedInOrder(topics);
      expect(published).toEqual(stored);
    } finally {
      await recorder.stop();
      await publisher.close();
    }
  }, 90_000);

  it('retries a publish that failed in the middle of the pipeline with the same messages, losing and reordering nothing after it', async () => {
    const topics = await topicsFor('relay-retry');
    const publisher = recordingPublisher(messaging.publisher(), { 3: 'after sending', 6: 'before sending' });
    const state = checkedState(await freshState(), () => relayed, publisher.acknowledged);
    const recorder = recordTopics(messaging, [topics.referralStatus, ...Object.values(topics.handoffs)]);
    const relay = new IntegrationRelay({
      store,
      state,
      publisher,
      topics,
      log,
      clock,
      batchSize: 20,
      sendLimits: { messages: 9, bytes: 1_000_000 },
    });
    try {
      await drain(relay);
      // Publish 3 reached the broker before it "failed": its messages arrive twice.
      const duplicated = publisher.publishes[2]!.messages.length;
      const arrived = await recorder.waitFor(
        (m) => m.length >= relayed.length + duplicated,
        30_000,
        'every relayed event and the duplicates',
      );

      expect(publisher.publishes.map((p) => p.outcome).slice(0, 7)).toEqual([
        'acknowledged',
        'acknowledged',
        'failed',
        'acknowledged',
        'acknowledged',
        'failed',
        'acknowledged',
      ]);
      expect(publisher.publishes[3]!.messages).toEqual(publisher.publishes[2]!.messages);
      expect(publisher.publishes[6]!.messages).toEqual(publisher.publishes[5]!.messages);
      expect(state.premature).toEqual([]);
      const copies = new Map<string, Set<string>>();
      for (const m of arrived) {
        const id = m.headers[HEADERS.eventId]!;
        copies.set(id, (copies.get(id) ?? new Set()).add(m.value!.toString()));
      }
      expect([...copies.values()].every((values) => values.size === 1)).toBe(true);
      const published = arrivedInOrder(arrived);
      const stored = storedInOrder(topics);
      expect(new Map([...published].map(([key, ids]) => [key, firstOccurrences(ids)]))).toEqual(stored);
      expect(arrived).toHaveLength(relayed.length + duplicated);
    } finally {
      await recorder.stop();
      await publisher.close();
    }
  }, 90_000);

  it('builds from folded referrals exactly the messages it builds by reading each stream, across evictions and restarts', async () => {
    const sent = async (deps: Partial<RelayDeps>, restartHalfway: boolean) => {
      const topics = await topicsFor('relay-fold');
      const publisher = recordingPublisher(messaging.publisher());
      const relay = new IntegrationRelay({
        store,
        state: await freshState(),
        publisher,
        topics,
        log,
        clock,
        ...deps,
      });
      try {
        if (restartHalfway) {
          const stop = new AbortController();
          const running = relay.run(stop.signal);
          await eventually(
            async () =>
              expect(await relay.checkpoint()).toBeGreaterThan(
                relayed[Math.floor(relayed.length / 2)]!.position,
              ),
            30_000,
            5,
          );
          stop.abort();
          await running;
        }
        await drain(relay);
      } finally {
        await publisher.close();
      }
      const messages = publisher.publishes.flatMap((p) => p.messages);
      const prefix = topics.referralStatus.slice(0, topics.referralStatus.indexOf('referrals.status'));
      return new Map(
        messages.map((m) => [m.headers![HEADERS.eventId], { ...m, topic: m.topic.slice(prefix.length) }]),
      );
    };
    const reread = await sent({ foldedReferrals: 0, batchSize: 200 }, false);
    const folded = await sent({ batchSize: 30, sendLimits: { messages: 11, bytes: 1_000_000 } }, true);
    const evicting = await sent({ foldedReferrals: 4, batchSize: 30 }, true);

    expect(reread.size).toBe(relayed.length);
    expect(relayed.filter((e) => e.type === 'HandoffRequested').length).toBeGreaterThan(0);
    expect(Object.fromEntries(folded)).toEqual(Object.fromEntries(reread));
    expect(Object.fromEntries(evicting)).toEqual(Object.fromEntries(reread));
  }, 120_000);

  it('sends a handoff read after its referral was erased as erased, not with the names it folded before', async () => {
    const layers = await openEventStoreLayers(openSqliteEventStore(join(dir.path, 'erasure.sqlite')), {
      dataDir: join(dir.path, 'erasure'),
      nodeEnv: 'test',
    });
    const topics = await topicsFor('relay-erased');
    const publisher = recordingPublisher(messaging.publisher());
    const relay = new IntegrationRelay({
      store: layers.app,
      state: await freshState(),
      publisher,
      topics,
      log,
      clock,
    });
    try {
      const [history] = generateReferralHistories(40, 11).filter((h) =>
        h.events.some((e) => e.type === 'HandoffRequested'),
      );
      const handoffAt = history!.events.findIndex((e) => e.type === 'HandoffRequested');
      const before = history!.events.slice(0, handoffAt);
      await layers.app.append(
        history!.stream,
        before.map((e, i) => recorded(history!.referralId, i, e.type, e.data)),
        'no_stream',
      );
      await drain(relay, layers.app);
      const handoff = history!.events[handoffAt]!;
      await layers.app.append(
        history!.stream,
        [recorded(history!.referralId, 1, handoff.type, handoff.data)],
        before.length,
      );
      await layers.keys.erase(history!.referralId);
      await drain(relay, layers.app);

      const sentHandoff = publisher.publishes
        .flatMap((p) => p.messages)
        .find((m) => m.topic === topics.handoffs.camhs);
      expect(JSON.parse(sentHandoff!.value as string)).toMatchObject({
        reason: '[erased]',
        youngPerson: { givenName: '[erased]', familyName: '[erased]' },
      });
    } finally {
      await publisher.close();
      await layers.close();
    }
  }, 60_000);
  it('stops at an event it cannot turn into messages, after publishing everything before it, and never skips it', async () => {
    const broken = openSqliteEventStore(join(dir.path, 'broken.sqlite'), { synchronous: 'NORMAL' });
    const topics = await topicsFor('relay-broken');
    const publisher = recordingPublisher(messaging.publisher());
    const relay = new IntegrationRelay({
      store: broken,
      state: await freshState(),
      publisher,
      topics,
      log,
      clock,
      batchSize: 50,
      sendLimits: { messages: 3, bytes: 1_000_000 },
    });
    try {
      await interleavedHistories(broken, 10, 3);
      const orphan = randomUUID();
      const { position } = await broken.append(
        `referral-${orphan}`,
        [
          recorded(orphan, 1, 'ReferralAccepted', {
            referralId: orphan,
            at: '2026-09-02T10:00:00.000Z',
            linkWorkerId: 'lw-1',
            snomedCode: '871731000000106',
          }),
        ],
        'no_stream',
      );
      await interleavedHistories(broken, 5, 4);
      const before = (await broken.readAll(0, 10_000)).filter(
        (e) => e.position < position && RELAYED_EVENTS.has(e.type),
      );

      await expect(relay.run(new AbortController().signal)).rejects.toThrow(
        /ReferralAccepted at position \d+ has no ReferralReceived/,
      );
      expect(relay.status()).toMatchObject({
        state: 'failed',
        failure: { position, eventType: 'ReferralAccepted' },
      });
      expect(await relay.checkpoint()).toBe(before[before.length - 1]!.position);
      expect(publisher.acknowledged).toEqual(new Set(before.map((e) => e.metadata.eventId)));
    } finally {
      await publisher.close();
      await broken.close();
    }
  }, 60_000);
});
