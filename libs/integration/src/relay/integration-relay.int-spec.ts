import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { topicNames } from '@app/contracts';
import { openSqliteEventStore } from '@app/event-store/sqlite';
import type { EventStore } from '@app/event-store';
import { KafkaMessaging } from '@app/messaging';
import { ReadModels } from '@app/read-models';
import {
  deleteKafkaTopics,
  describeWithKafka,
  eventually,
  kafkaTestBrokers,
  recordTopics,
  tempDir,
  uniqueKafkaPrefix,
} from '@app/testing';
import { IntegrationRelay } from './integration-relay';
import { ReadModelRelayState } from './relay-state.store';
import { relayTopics } from './relay-topics';

const day = (d: number) => `2026-09-${String(d).padStart(2, '0')}T10:00:00.000Z`;
const meta = () => ({
  eventId: randomUUID(),
  occurredAt: day(1),
  actor: { sub: 'test', roles: ['service_manager'] },
  correlationId: 'c-1',
  causationId: 'c-1',
  schemaVersion: 1,
});

async function acceptedReferral(store: EventStore): Promise<string> {
  const referralId = randomUUID();
  await store.append(
    `referral-${referralId}`,
    [
      {
        type: 'ReferralReceived',
        metadata: meta(),
        data: {
          referralId,
          receivedAt: day(1),
          source: { kind: 'gp' },
          youngPerson: { givenName: 'A', familyName: 'B', dateOfBirth: '2013-01-01' },
          reasons: ['anxiety'],
          urgency: 'routine',
        },
      },
      {
        type: 'ReferralAccepted',
        metadata: meta(),
        data: { referralId, at: day(2), linkWorkerId: 'lw-1', snomedCode: '871731000000106' },
      },
    ],
    'no_stream',
  );
  return referralId;
}

describeWithKafka('IntegrationRelay', () => {
  const dir = tempDir('relay-');
  const prefix = uniqueKafkaPrefix('relay');
  const topics = topicNames(prefix);
  const clock = () => new Date().toISOString();
  const log = () => undefined;
  let store: EventStore;
  let readModels: ReadModels;
  let state: ReadModelRelayState;

  beforeAll(async () => {
    store = openSqliteEventStore(join(dir.path, 'events.sqlite'));
    readModels = await ReadModels.openSqlite(join(dir.path, 'read-models.sqlite'));
    state = await ReadModelRelayState.open(readModels.embeddedStateDatabase);
    await new KafkaMessaging({
      brokers: kafkaTestBrokers().split(','),
      clientId: 'relay-int-spec',
    }).ensureTopics(relayTopics(topics));
  }, 30_000);
  afterAll(async () => {
    await deleteKafkaTopics(prefix);
    await readModels.close();
    await store.close();
    dir.remove();
  });

  it('keeps its checkpoint while the broker does not acknowledge, and moves it once it does', async () => {
    const referralId = await acceptedReferral(store);
    const unreachable = new KafkaMessaging({ brokers: ['127.0.0.1:1'], clientId: 'relay-int-spec' });
    const failing = unreachable.publisher();
    const stopped = new AbortController();
    const blocked = new IntegrationRelay({ store, state, publisher: failing, topics, log, clock });
    const running = blocked.run(stopped.signal);
    await eventually(() => expect(blocked.status()).toMatchObject({ state: 'retrying' }), 20_000, 50);
    stopped.abort();
    await running;
    await failing.close();
    expect(await blocked.checkpoint()).toBe(0);

    const messaging = new KafkaMessaging({
      brokers: kafkaTestBrokers().split(','),
      clientId: 'relay-int-spec',
    });
    const publisher = messaging.publisher();
    const relay = new IntegrationRelay({ store, state, publisher, topics, log, clock });
    const recorder = recordTopics(messaging, [topics.referralStatus]);
    const again = new AbortController();
    const run = relay.run(again.signal);
    try {
      await eventually(
        async () => expect(await relay.checkpoint()).toBe(await store.headPosition()),
        20_000,
        50,
      );
      const [message] = await recorder.waitFor((m) => m.length >= 1, 20_000, 'the accepted status');
      expect(message!.key!.toString()).toBe(referralId);
      expect(JSON.parse(message!.value!.toString())).toMatchObject({ referralId, status: 'accepted' });
    } finally {
      again.abort();
      await run;
      await recorder.stop();
      await publisher.close();
    }
  }, 60_000);

  it('never moves the checkpoint back, so a deposed relay cannot rewind its successor', async () => {
    await state.saveCheckpoint('rewind-check', 10, clock());
    await state.saveCheckpoint('rewind-check', 7, clock());
    expect(await state.checkpoint('rewind-check')).toBe(10);
  });
});
