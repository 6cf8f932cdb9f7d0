import { CHECKPOINT_ORIGIN } from '@app/event-store';
import type { CheckpointHead } from '@app/event-store';
import type { KafkaConfig } from '@app/config';
import { KafkaMessaging } from '@app/messaging';
import type { MessagePublisher } from '@app/messaging';

export const CHECKPOINT_TOPIC = 'audit.checkpoints.v1';

/**
 * Publishes each checkpoint's signed head to Kafka, a witness outside the service's database and
 * files: auditors and partners who keep the topic can later show a rewritten history no longer
 * matches what was signed. The producer is made on first use and closed on shutdown.
 */
export class KafkaCheckpointPublisher {
  private publisher?: Promise<MessagePublisher>;

  constructor(private readonly kafka: KafkaConfig) {}

  async publish(head: CheckpointHead): Promise<void> {
    const publisher = await (this.publisher ??= this.connect());
    await publisher.publish([
      {
        topic: `${this.kafka.topicPrefix}${CHECKPOINT_TOPIC}`,
        key: CHECKPOINT_ORIGIN,
        value: JSON.stringify(head),
        headers: { 'content-type': 'application/json', 'message-type': 'AuditCheckpoint.v1' },
      },
    ]);
  }

  async close(): Promise<void> {
    const publisher = await this.publisher?.catch(() => undefined);
    await publisher?.close();
  }

  private async connect(): Promise<MessagePublisher> {
    const messaging = new KafkaMessaging(this.kafka);
    try {
      await messaging.ensureTopics([{ name: `${this.kafka.topicPrefix}${CHECKPOINT_TOPIC}` }]);
      return messaging.publisher();
    } catch (error) {
      this.publisher = undefined;
      throw error;
    }
  }
}
