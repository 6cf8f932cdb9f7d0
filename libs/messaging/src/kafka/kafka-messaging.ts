import { Kafka } from 'kafkajs';
import type { Admin, ITopicConfig } from 'kafkajs';
import type {
  ConsumerGroup,
  ConsumerGroupOptions,
  InboundMessage,
  MessagePublisher,
  Messaging,
  MessagingLog,
  TopicSpec,
} from '../messaging.port';
import { backoffMs, errorText, pause } from '../backoff';
import { KafkaConsumerGroup } from './kafka-consumer-group';
import type { KafkaConnection } from './kafka-options';
import { kafkaJsConfig } from './kafka-options';
import { KafkaPublisher } from './kafka-publisher';
import { readTopicToEnd } from './topic-reader';

const silent: MessagingLog = () => undefined;

/** The messaging port over Apache Kafka (kafkajs). Each call creates its own client; callers close what they open. */
export class KafkaMessaging implements Messaging {
  private readonly kafka: Kafka;

  constructor(
    private readonly connection: KafkaConnection,
    private readonly log: MessagingLog = silent,
  ) {
    this.kafka = new Kafka(kafkaJsConfig(connection, log));
  }

  publisher(): MessagePublisher {
    return new KafkaPublisher(this.kafka, this.log);
  }

  consume(options: ConsumerGroupOptions): ConsumerGroup {
    return new KafkaConsumerGroup(this.kafka, options, this.log);
  }

  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    // A broker that has just started may not know its partitions' leaders yet: those errors are retriable.
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.createMissing(topics);
      } catch (error) {
        if (attempt >= 8 || (error as { retriable?: boolean }).retriable !== true) throw error;
        this.log('debug', 'Creating topics failed; retrying', { error: errorText(error), attempt });
        await pause(backoffMs(attempt, 250, 2000));
      }
    }
  }

  private createMissing(topics: TopicSpec[]): Promise<void> {
    return this.withAdmin(async (admin) => {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t.name)).map((t) => this.topicConfig(t));
      if (missing.length === 0) return;
      await admin.createTopics({ topics: missing, waitForLeaders: true });
      this.log('info', 'Created topics', { topics: missing.map((t) => t.topic) });
    });
  }

  /** Every message `topic` holds now (up to its high watermarks when asked), in partition and offset order. */
  readTopic(topic: string, timeoutMs = 30_000): Promise<InboundMessage[]> {
    return readTopicToEnd(this.kafka, topic, timeoutMs);
  }

  listTopics(): Promise<string[]> {
    return this.withAdmin((admin) => admin.listTopics());
  }

  async deleteTopics(names: string[]): Promise<void> {
    if (names.length) await this.withAdmin((admin) => admin.deleteTopics({ topics: names }));
  }

  async probe(timeoutMs: number): Promise<void> {
    const kafka = new Kafka({
      ...kafkaJsConfig(this.connection, silent, 0),
      connectionTimeout: timeoutMs,
      requestTimeout: timeoutMs,
    });
    const admin = kafka.admin({ retry: { retries: 0 } });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `No Kafka broker answered within ${timeoutMs} ms at ${this.connection.brokers.join(',')}`,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      await Promise.race([admin.connect().then(() => admin.describeCluster()), timeout]);
    } finally {
      clearTimeout(timer);
      await admin.disconnect().catch(() => undefined);
    }
  }

  private async withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  }

  private topicConfig(spec: TopicSpec): ITopicConfig {
    const configEntries = [
      ...(spec.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : []),
      ...(spec.retentionMs !== undefined ? [{ name: 'retention.ms', value: String(spec.retentionMs) }] : []),
    ];
    return {
      topic: spec.name,
      numPartitions: this.connection.topicPartitions ?? -1,
      replicationFactor: this.connection.replicationFactor ?? -1,
      configEntries,
    };
  }
}
