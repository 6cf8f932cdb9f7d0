import { ConfigError, loadConfig } from '@app/config';
import { topicNames } from '@app/contracts';
import { openEventStore } from '@app/event-store';
import { KafkaMessaging, backoffMs, errorText, pause } from '@app/messaging';
import type { MessagingLog } from '@app/messaging';
import { openEventStoreLayers } from '@app/privacy';
import { SUPPRESSION, openReadModels, openSharedState, referralsReceivedBetween } from '@app/read-models';
import { IntegrationRelay } from './integration-relay';
import { ReadModelRelayState } from './relay-state.store';
import { relayTopics } from './relay-topics';
import { superviseRelay } from './supervise-relay';
import { WaitingTimesPublisher } from './waiting-times.publisher';

const log: MessagingLog = (level, message, fields) =>
  process.stdout.write(
    `${JSON.stringify({ level, time: new Date().toISOString(), app: 'integration-relay', msg: message, ...fields })}\n`,
  );

/**
 * The relay as its own process (run the API with RUN_INTEGRATION=false beside it): publishes handoffs,
 * status messages and commissioner waiting-time rows from the event store until SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.kafka) throw new ConfigError('KAFKA_BROKERS', 'is required to run the integration relay');
  const shared = await openSharedState(config.sharedState, 'integration-relay');
  // The same layers as the API: personal data is decrypted for the partners allowed to receive it.
  const layers = await openEventStoreLayers(
    await openEventStore(config.eventStore, {
      dataDir: config.dataDir,
      applicationName: 'integration-relay',
    }),
    { ...config, keyDatabase: shared.database },
  );
  const db = await openReadModels(config.readModelStore, config);
  const state = await ReadModelRelayState.open(shared.database ?? db);
  const messaging = new KafkaMessaging(config.kafka, log);
  const publisher = messaging.publisher();
  const topics = topicNames(config.kafka.topicPrefix);
  const clock = () => new Date().toISOString();
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());

  for (let attempt = 0; !controller.signal.aborted; attempt += 1) {
    try {
      await messaging.ensureTopics(relayTopics(topics));
      break;
    } catch (error) {
      log('warn', 'Broker not ready; retrying', { error: errorText(error) });
      await pause(backoffMs(attempt, 500, 10_000), controller.signal);
    }
  }
  const relay = new IntegrationRelay({ store: layers.app, state, publisher, topics, log, clock });
  const reports = new WaitingTimesPublisher({
    referralsReceivedBetween: (from, to) => referralsReceivedBetween(db, from, to),
    state,
    publisher,
    topic: topics.waitingTimes,
    policy: SUPPRESSION[config.suppressionPolicy],
    clock,
    log,
  });
  log('info', 'integration-relay started', { position: await relay.checkpoint() });
  await superviseRelay(relay, reports, {
    leadership: shared.leadership,
    signal: controller.signal,
    reportIntervalMs: config.kafka.reportIntervalMs,
    log,
  });
  await publisher.close();
  await db.destroy();
  await layers.close();
  await shared.close();
  const failure = relay.status().failure;
  if (failure)
    throw new Error(
      `the relay stopped at position ${failure.position} (${failure.eventType}); fix the cause and restart`,
    );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `integration-relay failed: ${errorText(error)}`}\n`,
  );
  process.exit(1);
});
