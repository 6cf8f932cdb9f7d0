import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { KafkaConfig } from '@app/config';
import { topicNames } from '@app/contracts';
import { DeciderStore, EVENT_STORE, EventStore } from '@app/event-store';
import { GATEWAY_GROUP, IntegrationGateway } from '@app/integration-gateway';
import type { GatewayStatus } from '@app/integration-gateway';
import {
  IntegrationRelay,
  RELAY_CHECKPOINT,
  ReadModelRelayState,
  WaitingTimesPublisher,
  relayTopics,
  superviseRelay,
} from '@app/integration-relay';
import type { RelayStatus } from '@app/integration-relay';
import { KafkaMessaging, backoffMs, errorText, pause } from '@app/messaging';
import type { MessagePublisher, MessagingLog } from '@app/messaging';
import { ReadModelDb, SUPPRESSION, SharedState, referralsReceivedBetween } from '@app/read-models';
import { CLOCK, Clock, IDS, IdGenerator } from '../infrastructure/clock';
import { Metrics } from '../operations/metrics';
import { READ_MODEL_DB } from '../projections/read-models.module';
import { SHARED_STATE } from '../infrastructure/shared-state';

export type IntegrationHealth = {
  kafka: 'not_configured' | 'configured' | 'external';
  connected: boolean;
  relay: RelayStatus & { eventsBehind: number };
  gateway?: GatewayStatus;
  waitingTimes?: { lastRunAt?: string; published?: number };
};

/**
 * The relay, the waiting-time publisher and the gateway inside the API process, when KAFKA_BROKERS is
 * set and RUN_INTEGRATION is not false. A broker that is down at start-up does not stop the API: they
 * start once it answers. Without Kafka, handoffs wait in the event store (the relay's checkpoint stays
 * behind) and are published once a broker is configured.
 */
@Injectable()
export class InProcessIntegration {
  private readonly logger = new Logger('Integration');
  private readonly controller = new AbortController();
  private readonly state: Promise<ReadModelRelayState>;
  private relay?: IntegrationRelay;
  private gateway?: IntegrationGateway;
  private reports?: WaitingTimesPublisher;
  private publisher?: MessagePublisher;
  private connected = false;
  private running: Promise<unknown>[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly deciderStore: DeciderStore,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    @Inject(SHARED_STATE) private readonly shared: SharedState,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdGenerator,
    private readonly metrics: Metrics,
  ) {
    this.state = ReadModelRelayState.open(shared.database ?? db);
    // Reported through health and start(); never an unhandled rejection here.
    this.state.catch(() => undefined);
    // With Kafka configured, relay lag is what the relay still owes the broker (also when it runs as its own process).
    if (config.kafka) {
      metrics.onScrape(async () =>
        metrics.relayLagEvents.set({ relay: 'outbound' }, (await this.relayLag()).behind),
      );
      metrics.onScrape(async () =>
        metrics.gatewayRetrying.set(this.gateway?.status().state === 'retrying' ? 1 : 0),
      );
    }
  }

  start(): void {
    const kafka = this.config.kafka;
    if (!kafka || !this.config.runIntegration) return;
    this.running.push(
      this.startWhenBrokerAnswers(kafka).catch((error: unknown) =>
        this.log('error', 'Kafka integration stopped', { error: errorText(error) }),
      ),
    );
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await Promise.allSettled(this.running);
    await this.gateway?.stop();
    await this.publisher?.close();
  }

  async health(): Promise<IntegrationHealth> {
    const { position, behind } = await this.relayLag();
    const relay = {
      ...(this.relay?.status() ?? { state: 'idle' as const, position, published: 0 }),
      position,
      eventsBehind: behind,
    };
    const kafka = !this.config.kafka
      ? 'not_configured'
      : this.config.runIntegration
        ? 'configured'
        : 'external';
    return {
      kafka,
      connected: this.connected,
      relay,
      gateway: this.gateway?.status(),
      waitingTimes: this.reports?.status(),
    };
  }

  /** The relay's checkpoint and how many stored events lie beyond it. */
  private async relayLag(): Promise<{ position: number; behind: number }> {
    const head = await this.store.headPosition();
    const position = await (await this.state).checkpoint(RELAY_CHECKPOINT);
    return { position, behind: Math.max(0, head - position) };
  }

  private async startWhenBrokerAnswers(kafka: KafkaConfig): Promise<void> {
    const signal = this.controller.signal;
    const log = this.log;
    const messaging = new KafkaMessaging(kafka, log);
    const topics = topicNames(kafka.topicPrefix);
    for (let attempt = 0; !signal.aborted; attempt += 1) {
      try {
        await messaging.ensureTopics([...relayTopics(topics), ...IntegrationGateway.topics(topics)]);
        break;
      } catch (error) {
        log('warn', 'Kafka not ready; handoffs wait in the event store until it is', {
          error: errorText(error),
          attempt,
        });
        await pause(backoffMs(attempt, 500, 10_000), signal);
      }
    }
    if (signal.aborted) return;
    this.connected = true;
    const state = await this.state;
    const publisher = (this.publisher = messaging.publisher());
    const clock = () => this.clock.now();
    this.relay = new IntegrationRelay({ store: this.store, state, publisher, topics, log, clock });
    this.reports = new WaitingTimesPublisher({
      referralsReceivedBetween: (from, to) => referralsReceivedBetween(this.db, from, to),
      state,
      publisher,
      topic: topics.waitingTimes,
      policy: SUPPRESSION[this.config.suppressionPolicy],
      clock,
      log,
    });
    this.gateway = new IntegrationGateway({
      messaging,
      publisher,
      deciderStore: this.deciderStore,
      topics,
      groupId: kafka.topicPrefix + GATEWAY_GROUP,
      clock: { now: clock, uuid: () => this.ids.uuid() },
      intake: () => this.config.intake,
      log,
      onDeadLetter: (topic, reason) => this.metrics.deadLetters.inc({ topic, reason }),
    });
    this.gateway.start();
    const leadership = this.shared.leadership;
    await superviseRelay(this.relay, this.reports, {
      leadership,
      signal,
      reportIntervalMs: kafka.reportIntervalMs,
      log,
    });
  }

  // Fields are ids, positions and error texts only; message contents are never logged.
  private readonly log: MessagingLog = (level, message, fields = {}) => {
    const method = level === 'info' ? 'log' : level;
    this.logger[method]({ ...fields }, message);
  };
}
