import {
  deleteKafkaTopics,
  describeWithKafka,
  kafkaTestBrokers,
  recordTopics,
  uniqueKafkaPrefix,
} from '@app/testing';
import type { InboundMessage } from '../messaging.port';
import { KafkaMessaging } from './kafka-messaging';
import { KAFKAJS_RECORD_MODULE, encodeRecord } from './record-encoder';

describeWithKafka('KafkaMessaging against the real broker', () => {
  const prefix = uniqueKafkaPrefix('messaging');
  const topic = `${prefix}things.v1`;
  const messaging = new KafkaMessaging({
    brokers: kafkaTestBrokers().split(','),
    clientId: 'messaging-int-spec',
  });
  const publisher = messaging.publisher();

  beforeAll(async () => {
    await messaging.ensureTopics([
      { name: topic },
      { name: `${prefix}latest.v1`, compacted: true },
      { name: `${prefix}encoded.v1` },
    ]);
    // A second call finds the topics and leaves them alone.
    await messaging.ensureTopics([{ name: topic }]);
  }, 30_000);
  afterAll(async () => {
    await publisher.close();
    await deleteKafkaTopics(prefix);
  });

  it('delivers key, value and headers once acknowledged, keeping the order of one key', async () => {
    await publisher.publish(
      [1, 2, 3].map((n) => ({
        topic,
        key: 'k-1',
        value: JSON.stringify({ n }),
        headers: { eventId: `e-${n}` },
      })),
    );
    const recorder = recordTopics(messaging, [topic]);
    try {
      const seen = await recorder.waitFor((m) => m.length >= 3, 20_000);
      expect(
        seen.map((m) => [m.key?.toString(), JSON.parse(m.value!.toString()).n, m.headers.eventId]),
      ).toEqual([
        ['k-1', 1, 'e-1'],
        ['k-1', 2, 'e-2'],
        ['k-1', 3, 'e-3'],
      ]);
    } finally {
      await recorder.stop();
    }
  }, 30_000);

  it('sends records in its own encoding (ADR 0023) that the broker stores and a consumer reads as sent', async () => {
    const sent: { key: string; value: string; headers: Record<string, string> }[] = [
      {
        key: 'referral-ü-1',
        value: JSON.stringify({ name: 'Zoë 🎈' }),
        headers: { eventId: 'e-ü', messageType: 'A' },
      },
      {
        key: 'referral-2',
        value: 'x'.repeat(300_000),
        headers: { eventId: 'e-big', contentType: 'text/plain' },
      },
      { key: 'referral-3', value: '', headers: {} },
    ];
    await publisher.publish(sent.map((m) => ({ topic: `${prefix}encoded.v1`, ...m })));
    // The publisher's first send loaded kafkajs's produce request with this encoder in place of its own.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require(KAFKAJS_RECORD_MODULE)).toBe(encodeRecord);
    const recorder = recordTopics(messaging, [`${prefix}encoded.v1`]);
    try {
      const seen = await recorder.waitFor((m) => m.length >= 3, 20_000);
      const byKey = new Map(seen.map((m) => [m.key?.toString(), m]));
      for (const m of sent) {
        const got = byKey.get(m.key)!;
        expect(got.value?.toString()).toBe(m.value);
        expect(got.headers).toEqual(m.headers);
      }
    } finally {
      await recorder.stop();
    }
  }, 30_000);

  it('commits an offset only after the handler succeeded: a failing message is retried, then redelivered to the next member', async () => {
    const groupId = `${prefix}handler-group`;
    const failing = `${prefix}failing.v1`;
    await messaging.ensureTopics([{ name: failing }]);
    await publisher.publish([
      { topic: failing, key: 'same', value: 'ok' },
      { topic: failing, key: 'same', value: 'poison' },
    ]);
    const handled: string[] = [];
    let attempts = 0;
    const first = messaging.consume({
      groupId,
      topics: [failing],
      handle: async (m: InboundMessage) => {
        if (m.value?.toString() === 'poison') {
          attempts += 1;
          throw new Error('store unavailable');
        }
        handled.push(m.value!.toString());
      },
    });
    const deadline = Date.now() + 20_000;
    while (attempts < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(first.status()).toMatchObject({ state: 'retrying', lastError: 'Error: store unavailable' });
    await first.stop();

    const second: string[] = [];
    const next = messaging.consume({
      groupId,
      topics: [failing],
      handle: async (m) => void second.push(m.value!.toString()),
    });
    try {
      const until = Date.now() + 20_000;
      while (second.length < 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(handled).toEqual(['ok']);
      expect(second).toEqual(['poison']);
    } finally {
      await next.stop();
    }
  }, 60_000);
});
