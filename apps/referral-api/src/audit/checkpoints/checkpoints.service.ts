import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Checkpointer, ProofUnavailableError, loadSigningKey, publishedKey } from '@app/event-store';
import type { EventStore } from '@app/event-store';
import { Problems } from '@app/application';
import { AUDIT_EVENT_STORE } from '../../infrastructure/store.module';
import { KafkaCheckpointPublisher } from './checkpoint.publisher';

/**
 * The service's signed checkpoints: one Checkpointer over the store as recorded (hash-chained,
 * personal data still encrypted), signing every N events or T seconds and on request, writing to
 * the checkpoint directory and, with Kafka configured, to its topic.
 */
@Injectable()
export class CheckpointsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Checkpoints');
  private readonly checkpointer: Checkpointer;
  private readonly kafka?: KafkaCheckpointPublisher;
  readonly publicKey: ReturnType<typeof publishedKey>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AUDIT_EVENT_STORE) store: EventStore,
  ) {
    const keys = loadSigningKey(config.dataDir, config.audit.signingKey);
    this.publicKey = publishedKey(keys.publicKey);
    if (config.kafka) this.kafka = new KafkaCheckpointPublisher(config.kafka);
    const kafka = this.kafka;
    this.checkpointer = new Checkpointer(store, keys, {
      dir: config.audit.checkpointDir,
      everyEvents: config.audit.checkpointEveryEvents,
      everyMs: config.audit.checkpointEverySeconds * 1000,
      keepStreams: config.audit.checkpointKeepStreams,
      ...(kafka ? { publish: (head) => kafka.publish(head) } : {}),
      onError: (error, during) =>
        this.logger.warn({ err: error, during }, `Checkpoint ${during} failed; trying again later`),
    });
  }

  onApplicationBootstrap(): void {
    this.checkpointer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.checkpointer.stop();
    await this.kafka?.close();
  }

  sign() {
    return this.checkpointer.checkpoint();
  }

  async latest() {
    return (await this.checkpointer.latest()) ?? notFound('No checkpoint has been signed yet');
  }

  async ofSize(treeSize: number) {
    return (
      (await this.checkpointer.find(treeSize)) ??
      notFound(`No checkpoint of ${treeSize} events was signed by this service`)
    );
  }

  /** The newest checkpoint of `treeSize` events this service signed, or none. */
  newestOfSize(treeSize: number) {
    return this.checkpointer.find(treeSize);
  }

  /** The newest checkpoint, or none: for checks that can go on without one. */
  newest() {
    return this.checkpointer.latest();
  }

  inclusion(stream: string, version: number, treeSize?: number) {
    return asProblem(() => this.checkpointer.inclusion(stream, version, treeSize));
  }

  consistency(from: number, to: number) {
    return asProblem(() => this.checkpointer.consistency(from, to));
  }
}

function notFound(detail: string): never {
  throw Problems.notFound(detail);
}

async function asProblem<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ProofUnavailableError)) throw error;
    if (error.reason === 'not-covered') throw Problems.conflict(error.message, 'AUDIT.NOT_COVERED');
    throw Problems.notFound(error.message);
  }
}
