import type { ReferralApplication } from '@app/application';
import type { IntegrationPartner, KafkaConfig } from '@app/config';
import { topicNames } from '@app/contracts';
import type { TopicNames } from '@app/contracts';
import type { EventStore } from '@app/event-store';
import { KafkaMessaging, backoffMs, errorText, pause } from '@app/messaging';
import type { MessagePublisher, MessagingLog, TopicSpec } from '@app/messaging';
import type { Leadership, ReferralSummary, SuppressionPolicy } from '@app/read-models';
import type { IntakePolicy } from '@app/referral-domain';
import { watchBroker } from './broker-watch';
import type { BrokerStatus } from './broker-watch';
import { GATEWAY_GROUP, IntegrationGateway } from './gateway/integration-gateway';
import type { GatewayStatus } from './gateway/integration-gateway';
import type { GatewayClock } from './gateway/message-origin';
import { IntegrationRelay, RELAY_CHECKPOINT } from './relay/integration-relay';
import type { RelayStatus } from './relay/integration-relay';
import type { RelayState } from './relay/relay-state.store';
import { relayTopics } from './relay/relay-topics';
import { superviseRelay } from './relay/supervise-relay';
import { WaitingTimesPublisher } from './relay/waiting-times.publisher';

/** What the relay needs: the decrypting event store, its state, and the read model for waiting times. */
export type RelayPart = {
  store: EventStore;
  state: RelayState;
  /** Summaries of referrals received on the UTC dates from..to inclusive (a named read-model query). */
  referralsReceivedBetween: (from: string, to: string) => Promise<ReferralSummary[]>;
  suppression: SuppressionPolicy;
  /** Elects the one relay among instances sharing the stores. */
  leadership: Leadership;
};

/** What the gateway needs: the application layer's use cases and the intake policy. */
export type GatewayPart = {
  application: ReferralApplication;
  intake: () => IntakePolicy;
  /** The partners whose signed messages are accepted. */
  partners: readonly IntegrationPartner[];
  /** Told of every dead letter (e.g. for metrics). */
  onDeadLetter?: (topic: string, reasonCode: string) => void;
};

export type IntegrationParts = {
  kafka: KafkaConfig;
  clock: GatewayClock;
  log: MessagingLog;
  /** Runs the outbox relay and the waiting-time publisher (one instance at a time, by leadership). */
  relay?: RelayPart;
  /** Runs the inbound gateway (every instance, one consumer group). */
  gateway?: GatewayPart;
  /** Called once the broker answered and the parts started (a process logs that it started). */
  onStarted?: () => void | Promise<void>;
};

export type IntegrationStatus = {
  /** True while the broker answers (asked every `healthIntervalMs`); false before it first did and while it is down. */
  connected: boolean;
  broker: BrokerStatus;
  relay?: RelayStatus;
  gateway?: GatewayStatus;
  waitingTimes?: { lastRunAt?: string; published?: number };
};

/** A composed integration: run it until the signal aborts; ask its status at any time. */
export type Integration = {
  run(signal: AbortSignal): Promise<void>;
  status(): IntegrationStatus;
};

/** The topics the configured parts write and read, created if missing. */
function topicsOf(parts: IntegrationParts, topics: TopicNames): TopicSpec[] {
  return [
    ...(parts.relay ? relayTopics(topics) : []),
    ...(parts.gateway ? IntegrationGateway.topics(topics) : []),
  ];
}

const aborted = (signal: AbortSignal) =>
  new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));

/** Waits for the broker: creates the topics, retrying with backoff, until it answers or `signal` aborts. */
async function whenBrokerAnswers(
  messaging: KafkaMessaging,
  specs: TopicSpec[],
  log: MessagingLog,
  signal: AbortSignal,
): Promise<void> {
  for (let attempt = 0; !signal.aborted; attempt += 1) {
    try {
      await messaging.ensureTopics(specs);
      return;
    } catch (error) {
      log('warn', 'Kafka not ready; handoffs wait in the event store until it is', {
        error: errorText(error),
        attempt,
      });
      await pause(backoffMs(attempt, 500, 10_000), signal);
    }
  }
}

/**
 * The one composition of the Kafka integration, used by the API in-process and by the relay and
 * gateway processes: waits for the broker (a broker down at start-up stops nothing; handoffs wait
 * in the event store), then runs the gateway and, while this instance leads, the relay and the
 * waiting-time publisher, until `signal` aborts or the relay fails for good.
 */
export function composeIntegration(parts: IntegrationParts): Integration {
  const { kafka, clock, log } = parts;
  const topics = topicNames(kafka.topicPrefix);
  const now = () => clock.now();
  let broker: BrokerStatus = { connected: false };
  let relay: IntegrationRelay | undefined;
  let reports: WaitingTimesPublisher | undefined;
  let gateway: IntegrationGateway | undefined;

  async function run(signal: AbortSignal): Promise<void> {
    const messaging = new KafkaMessaging(kafka, log);
    await whenBrokerAnswers(messaging, topicsOf(parts, topics), log, signal);
    if (signal.aborted) return;
    const watching = watchBroker(
      (timeoutMs) => messaging.probe(timeoutMs),
      kafka.healthIntervalMs,
      signal,
      (status) => {
        if (status.connected !== broker.connected)
          log(
            status.connected ? 'info' : 'warn',
            status.connected ? 'Kafka broker answers' : 'Kafka broker does not answer',
            {
              error: status.lastError,
            },
          );
        broker = status;
      },
      now,
    );
    const publisher: MessagePublisher = messaging.publisher();
    try {
      if (parts.gateway) {
        gateway = new IntegrationGateway({
          messaging,
          publisher,
          application: parts.gateway.application,
          topics,
          groupId: kafka.topicPrefix + GATEWAY_GROUP,
          clock,
          intake: parts.gateway.intake,
          partners: parts.gateway.partners,
          log,
          onDeadLetter: parts.gateway.onDeadLetter,
        });
        gateway.start();
      }
      if (parts.relay) {
        const { store, state } = parts.relay;
        relay = new IntegrationRelay({
          store,
          state,
          publisher,
          topics,
          log,
          clock: now,
          handoffFormats: kafka.handoffFormats,
        });
        reports = new WaitingTimesPublisher({
          referralsReceivedBetween: parts.relay.referralsReceivedBetween,
          state,
          publisher,
          topic: topics.waitingTimes,
          policy: parts.relay.suppression,
          clock: now,
          log,
        });
      }
      await parts.onStarted?.();
      if (relay && reports && parts.relay) {
        const options = {
          leadership: parts.relay.leadership,
          signal,
          reportIntervalMs: kafka.reportIntervalMs,
          log,
        };
        await superviseRelay(relay, reports, options);
      }
      // The gateway goes on consuming after a relay that failed for good, until told to stop.
      if (gateway && !signal.aborted) await aborted(signal);
    } finally {
      await gateway?.stop();
      await publisher.close();
      await watching;
      broker = { ...broker, connected: false };
    }
  }

  return {
    run,
    status: () => ({
      connected: broker.connected,
      broker,
      relay: relay?.status(),
      gateway: gateway?.status(),
      waitingTimes: reports?.status(),
    }),
  };
}

/** The relay's checkpoint and how many stored events lie beyond it (relay lag). */
export async function relayLag(
  store: EventStore,
  state: RelayState,
): Promise<{ position: number; behind: number }> {
  const head = await store.headPosition();
  const position = await state.checkpoint(RELAY_CHECKPOINT);
  return { position, behind: Math.max(0, head - position) };
}
