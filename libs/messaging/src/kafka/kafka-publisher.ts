import { Kafka } from 'kafkajs';
import type { Producer, TopicMessages } from 'kafkajs';
import { errorText } from '../backoff';
import { keyPartitioner } from './key-partitioner';
import { useRecordEncoder } from './record-encoder';
import type { MessagePublisher, MessagingLog, OutboundMessage } from '../messaging.port';

/**
 * Idempotent producer, acks from all in-sync replicas. kafkajs retries a send a few times; when it
 * still fails the producer is discarded and the next `publish` starts a fresh one, so a broker
 * restart cannot leave it stuck on stale sequence numbers. Callers retry a failed publish: a
 * message may then be stored twice, each copy with the same headers (at-least-once).
 */
export class KafkaPublisher implements MessagePublisher {
  private producer: Promise<Producer> | undefined;
  private closed = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly log: MessagingLog,
  ) {
    // Before the first send loads kafkajs's produce request: records encoded in one buffer each (ADR 0023).
    useRecordEncoder();
  }

  async publish(messages: OutboundMessage[]): Promise<void> {
    if (this.closed) throw new Error('Publisher is closed');
    if (messages.length === 0) return;
    const producer = await this.connected();
    try {
      await producer.sendBatch({ topicMessages: byTopic(messages), acks: -1 });
    } catch (error) {
      this.log('warn', 'Publish failed; the producer will be recreated', { error: errorText(error) });
      await this.discard();
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.discard();
  }

  private connected(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        // kafkajs's DefaultPartitioner, key for key, at a fraction of its CPU per message.
        createPartitioner: keyPartitioner,
        // Bounded: an outage surfaces as a failed publish the caller retries, instead of a send that never returns.
        retry: { initialRetryTime: 200, maxRetryTime: 2000, retries: 5 },
      });
      const connecting = producer.connect().then(() => producer);
      this.producer = connecting;
      connecting.catch(() => {
        if (this.producer === connecting) this.producer = undefined;
      });
    }
    return this.producer;
  }

  private async discard(): Promise<void> {
    const current = this.producer;
    this.producer = undefined;
    if (!current) return;
    const producer = await current.catch(() => undefined);
    await producer
      ?.disconnect()
      .catch((error: unknown) =>
        this.log('debug', 'Producer disconnect failed', { error: errorText(error) }),
      );
  }
}

function byTopic(messages: OutboundMessage[]): TopicMessages[] {
  const topics = new Map<string, TopicMessages>();
  for (const m of messages) {
    const entry = topics.get(m.topic) ?? { topic: m.topic, messages: [] };
    topics.set(m.topic, entry);
    entry.messages.push({ key: m.key, value: m.value, headers: m.headers });
  }
  return [...topics.values()];
}
