import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { backoffMs, errorText, pause } from '../backoff';
import type {
  ConsumerGroup,
  ConsumerGroupOptions,
  ConsumerGroupStatus,
  InboundMessage,
  MessagingLog,
} from '../messaging.port';

/**
 * One member of a consumer group. Offsets are committed one message at a time and only after the
 * handler resolved; a failing handler is retried on the same message, heartbeating meanwhile, so a
 * message is never skipped. If kafkajs gives up (a crash it will not restart), a fresh consumer
 * rejoins after a backoff until `stop`.
 */
export class KafkaConsumerGroup implements ConsumerGroup {
  private readonly controller = new AbortController();
  private current: ConsumerGroupStatus = { state: 'starting', handled: 0 };
  private consumer: Consumer | undefined;
  private hasJoined = false;
  private readonly supervising: Promise<void>;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: ConsumerGroupOptions,
    private readonly log: MessagingLog,
  ) {
    this.supervising = this.supervise();
  }

  status(): ConsumerGroupStatus {
    return { ...this.current };
  }

  async joined(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.hasJoined && Date.now() < deadline && !this.controller.signal.aborted) await pause(20);
    return this.hasJoined;
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.supervising;
    this.current = { ...this.current, state: 'stopped' };
  }

  private get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Runs consumers one after another: a consumer that crashed for good is replaced by a new one. */
  private async supervise(): Promise<void> {
    for (let attempt = 0; !this.signal.aborted; attempt += 1) {
      const crashed = await this.runOnce().catch((error: unknown) => error);
      if (this.signal.aborted) break;
      this.current = {
        ...this.current,
        state: 'restarting',
        lastError: errorText(crashed),
        crashes: (this.current.crashes ?? 0) + 1,
        lastCrashAt: new Date().toISOString(),
      };
      this.log('warn', 'Consumer stopped; rejoining the group', {
        groupId: this.options.groupId,
        error: errorText(crashed),
      });
      await pause(backoffMs(attempt, 500, 10_000), this.signal);
    }
  }

  /** Resolves with the crash that ended this consumer, or when stopped. */
  private async runOnce(): Promise<unknown> {
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      allowAutoTopicCreation: false,
      // A member lost in a broker restart never leaves the group; the rejoin waits for its session to expire.
      sessionTimeout: 10_000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: 500,
      retry: {
        initialRetryTime: 300,
        maxRetryTime: 5000,
        retries: 8,
        // kafkajs restarts a crashed consumer on its own timer; once stopped or replaced it must stay down.
        restartOnFailure: async () => !this.signal.aborted && this.consumer === consumer,
      },
    });
    this.consumer = consumer;
    const crashed = new Promise<unknown>((resolve) => {
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) resolve(payload.error);
      });
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.hasJoined = true;
      this.current = { ...this.current, state: 'running' };
    });
    let onAbort = (): void => undefined;
    const stopped = new Promise<void>((resolve) => {
      onAbort = () => resolve();
      this.signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await consumer.connect();
      await consumer.subscribe({
        topics: this.options.topics,
        fromBeginning: this.options.fromBeginning ?? true,
      });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConcurrently ?? 1,
        eachBatch: (payload) => this.eachBatch(consumer, payload),
      });
      return await Promise.race([crashed, stopped]);
    } finally {
      this.signal.removeEventListener('abort', onAbort);
      this.consumer = undefined;
      await consumer
        .disconnect()
        .catch((error: unknown) =>
          this.log('debug', 'Consumer disconnect failed', { error: errorText(error) }),
        );
    }
  }

  private async eachBatch(
    consumer: Consumer,
    { batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload,
  ): Promise<void> {
    for (const message of batch.messages) {
      if (!isRunning() || isStale() || this.signal.aborted) return;
      const inbound = toInbound(batch.topic, batch.partition, message);
      const handled = await this.handleUntilDone(inbound, heartbeat);
      if (!handled) return;
      await consumer.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: (BigInt(message.offset) + 1n).toString() },
      ]);
      resolveOffset(message.offset);
      this.current = { ...this.current, handled: this.current.handled + 1, state: 'running' };
      await heartbeat();
    }
  }

  /** Retries the handler until it resolves (true) or the group stops (false). */
  private async handleUntilDone(message: InboundMessage, heartbeat: () => Promise<void>): Promise<boolean> {
    for (let attempt = 0; !this.signal.aborted; attempt += 1) {
      try {
        await this.options.handle(message, this.signal);
        return !this.signal.aborted;
      } catch (error) {
        if (this.signal.aborted) return false;
        this.current = { ...this.current, state: 'retrying', lastError: errorText(error) };
        this.log('warn', 'Message handler failed; retrying the same message', {
          groupId: this.options.groupId,
          topic: message.topic,
          partition: message.partition,
          offset: message.offset,
          attempt,
          error: errorText(error),
        });
        await pause(backoffMs(attempt), this.signal);
        await heartbeat().catch(() => undefined);
      }
    }
    return false;
  }
}

/** A kafkajs message as the port's InboundMessage (string headers, first value of a repeated one). */
export function toInbound(topic: string, partition: number, m: KafkaMessage): InboundMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(m.headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[name] = first.toString();
  }
  return { topic, partition, offset: m.offset, key: m.key, value: m.value, headers, timestamp: m.timestamp };
}
