import type { MessagePublisher, Messaging } from '@app/messaging';
import { TopicObserver } from './topic-observer';

export type Bare = { rate: number; bigBatchRate: number; latencies: number[] };

/** Publishes `messages` messages in batches of `size`, each awaited as the relay awaits its batches; returns messages/s. */
async function publishRate(
  publisher: MessagePublisher,
  topic: string,
  messages: number,
  size: number,
  value: string,
  tag: string,
): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < messages; i += size) {
    const batch = Array.from({ length: Math.min(size, messages - i) }, (_, j) => ({
      topic,
      key: `${tag}-${i + j}`,
      value,
      headers: { messageType: tag },
    }));
    await publisher.publish(batch);
  }
  return messages / ((performance.now() - start) / 1000);
}

/** The baseline: the same client publishing straight to a topic, in batches of 100 (and 1,000), then one at a time. */
export async function bareKafka(
  messaging: Messaging,
  topic: string,
  messages: number,
  live: number,
  bytes: number,
): Promise<Bare> {
  const observer = await TopicObserver.start(messaging, [topic]);
  const publisher = messaging.publisher();
  try {
    const value = JSON.stringify({ pad: 'x'.repeat(Math.max(0, bytes - 10)) });
    const rate = await publishRate(publisher, topic, messages, 100, value, 'Bulk');
    const bigBatchRate = await publishRate(publisher, topic, messages, 1000, value, 'BigBulk');
    await observer.waitForCount(2 * messages, 300_000);
    const acked = new Map<string, number>();
    for (let i = 0; i < live; i++) {
      await publisher.publish([{ topic, key: `live-${i}`, value, headers: { messageType: 'Live' } }]);
      acked.set(`Live/live-${i}`, performance.now());
    }
    await observer.waitFor([...acked.keys()], 60_000);
    return { rate, bigBatchRate, latencies: [...acked].map(([key, at]) => observer.arrivals.get(key)! - at) };
  } finally {
    await publisher.close();
    await observer.stop();
  }
}
