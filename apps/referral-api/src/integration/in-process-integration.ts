import { Inject, Injectable, Logger } from '@nestjs/common';
import { ReferralApplication } from '@app/application';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DeciderStore, EVENT_STORE, EventStore } from '@app/event-store';
import { ReadModelRelayState, composeIntegration, relayLag } from '@app/integration';
import type { BrokerStatus, GatewayStatus, Integration, RelayStatus } from '@app/integration';
import { errorText } from '@app/messaging';
import type { MessagingLog } from '@app/messaging';
import { ReadModels, suppressionPolicy, SharedState } from '@app/read-models';
import { CLOCK, Clock, IDS, IdGenerator } from '../infrastructure/clock';
import { Metrics } from '../operations/metrics';
import { READ_MODELS } from '../projections/read-models.module';
import { SHARED_STATE } from '../infrastructure/shared-state';
import { PERSONAL_DATA_KEYS } from '../infrastructure/personal-data-keys';
import type { PersonalDataKeys } from '../infrastructure/personal-data-keys';

const CONSUMER_STATES = ['starting', 'running', 'retrying', 'restarting', 'stopped'] as const;

/** `ok` when what is configured to run here runs; `degraded` while the broker is down or the consumer is not running. */
function overallStatus(
  kafka: IntegrationHealth['kafka'],
  connected: boolean,
  gateway: GatewayStatus | undefined,
): IntegrationHealth['status'] {
  if (kafka === 'not_configured') return 'not_configured';
  if (kafka === 'external') return 'ok';
  return connected && (gateway === undefined || gateway.state === 'running') ? 'ok' : 'degraded';
}

export type IntegrationHealth = {
  kafka: 'not_configured' | 'configured' | 'external';
  /** `ok` when everything configured to run here runs; `degraded` when the broker is down or a consumer is not running. */
  status: 'ok' | 'degraded' | 'not_configured';
  /** Whether the broker answered the last health check (false while it is down, and before it first answered). */
  connected: boolean;
  broker?: BrokerStatus;
  relay: RelayStatus & { eventsBehind: number };
  gateway?: GatewayStatus;
  waitingTimes?: { lastRunAt?: string; published?: number };
};

/**
 * The relay, the waiting-time publisher and the gateway inside the API process, when KAFKA_BROKERS is
 * set and RUN_INTEGRATION is not false, composed by `composeIntegration` as the relay and gateway
 * processes are. Without Kafka, handoffs wait in the event store (the relay's checkpoint stays
 * behind) and are published once a broker is configured.
 */
@Injectable()
export class InProcessIntegration {
  private readonly logger = new Logger('Integration');
  private readonly controller = new AbortController();
  private readonly state: Promise<ReadModelRelayState>;
  private integration?: Integration;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly deciderStore: DeciderStore,
    @Inject(PERSONAL_DATA_KEYS) private readonly keys: PersonalDataKeys,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(SHARED_STATE) private readonly shared: SharedState,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdGenerator,
    private readonly metrics: Metrics,
  ) {
    this.state = ReadModelRelayState.open(shared.database ?? readModels.embeddedStateDatabase);
    // Reported through health and start(); never an unhandled rejection here.
    this.state.catch(() => undefined);
    // With Kafka configured, relay lag is what the relay still owes the broker (also when it runs as its own process).
    if (config.kafka) {
      metrics.onScrape(async () =>
        metrics.relayLagEvents.set({ relay: 'outbound' }, (await this.relayLag()).behind),
      );
      metrics.onScrape(async () =>
        metrics.gatewayRetrying.set(this.integration?.status().gateway?.state === 'retrying' ? 1 : 0),
      );
      metrics.onScrape(() => this.scrapeConnection());
    }
  }

  start(): void {
    const kafka = this.config.kafka;
    if (!kafka || !this.config.runIntegration) return;
    this.running = this.state
      .then((state) => {
        this.integration = composeIntegration({
          kafka,
          clock: { now: () => this.clock.now(), uuid: () => this.ids.uuid() },
          log: this.log,
          relay: {
            store: this.store,
            state,
            referralsReceivedBetween: (from, to) => this.readModels.referralsReceivedBetween(from, to),
            suppression: suppressionPolicy(this.config.suppressionPolicy, this.config.disclosure),
            leadership: this.shared.leadership,
          },
          gateway: {
            // Its own instance, without the HTTP command metrics: inbound messages have theirs.
            application: new ReferralApplication({
              deciderStore: this.deciderStore,
              clock: this.clock,
              ids: this.ids,
              personalDataKeys: this.keys,
              backdating: { windowDays: this.config.backdateWindowDays },
            }),
            intake: () => this.config.intake,
            partners: this.config.auth.partners,
            onDeadLetter: (topic, reason) => this.metrics.deadLetters.inc({ topic, reason }),
          },
        });
        return this.integration.run(this.controller.signal);
      })
      .catch((error: unknown) => this.log('error', 'Kafka integration stopped', { error: errorText(error) }));
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.running;
  }

  async health(): Promise<IntegrationHealth> {
    const { position, behind } = await this.relayLag();
    const status = this.integration?.status();
    const relay = {
      ...(status?.relay ?? { state: 'idle' as const, position, published: 0 }),
      position,
      eventsBehind: behind,
    };
    const kafka = !this.config.kafka
      ? 'not_configured'
      : this.config.runIntegration
        ? 'configured'
        : 'external';
    const connected = status?.connected ?? false;
    return {
      kafka,
      status: overallStatus(kafka, connected, status?.gateway),
      connected,
      broker: status?.broker,
      relay,
      gateway: status?.gateway,
      waitingTimes: status?.waitingTimes,
    };
  }

  private async scrapeConnection(): Promise<void> {
    const status = this.integration?.status();
    this.metrics.brokerConnected.set(status?.connected ? 1 : 0);
    const gateway = status?.gateway;
    if (!gateway) return;
    for (const state of CONSUMER_STATES)
      this.metrics.consumerState.set({ consumer: 'gateway', state }, gateway.state === state ? 1 : 0);
    this.metrics.consumerCrashes.set({ consumer: 'gateway' }, gateway.crashes ?? 0);
  }

  private async relayLag(): Promise<{ position: number; behind: number }> {
    return relayLag(this.store, await this.state);
  }

  // Fields are ids, positions and error texts only; message contents are never logged.
  private readonly log: MessagingLog = (level, message, fields = {}) => {
    const method = level === 'info' ? 'log' : level;
    this.logger[method]({ ...fields }, message);
  };
}
