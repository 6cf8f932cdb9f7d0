import { randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { InboundMessage } from '../messaging.port';
import { toInbound } from './kafka-consumer-group';

/**
 * Every message a topic holds now, read from the start up to each partition's high watermark as it was
 * when asked, with a throwaway consumer group that is deleted afterwards (no offsets are left behind).
 */
export async function readTopicToEnd(
  kafka: Kafka,
  topic: string,
  timeoutMs: number,
): Promise<InboundMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `topic-reader-${randomBytes(6).toString('hex')}`;
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    const remaining = new Map(
      offsets.filter((o) => BigInt(o.high) > BigInt(o.low)).map((o) => [o.partition, BigInt(o.high) - 1n]),
    );
    if (remaining.size === 0) return [];
    const messages: InboundMessage[] = [];
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 200 });
    await consumer.connect();
    try {
      let done: () => void = () => undefined;
      const finished = new Promise<void>((resolve) => (done = resolve));
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          const last = remaining.get(partition);
          if (last === undefined || BigInt(message.offset) > last) return;
          messages.push(toInbound(topic, partition, message));
          if (BigInt(message.offset) === last) remaining.delete(partition);
          if (remaining.size === 0) done();
        },
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Reading ${topic} took longer than ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      await Promise.race([finished, timeout]).finally(() => clearTimeout(timer));
    } finally {
      await consumer.disconnect();
    }
    return messages.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
