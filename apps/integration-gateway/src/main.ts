import { randomUUID } from 'node:crypto';
import { ConfigError, loadConfig } from '@app/config';
import { topicNames } from '@app/contracts';
import { DeciderStore, openEventStore } from '@app/event-store';
import { KafkaMessaging, backoffMs, errorText, pause } from '@app/messaging';
import type { MessagingLog } from '@app/messaging';
import { openEventStoreLayers } from '@app/privacy';
import { openSharedState } from '@app/read-models';
import { GATEWAY_GROUP, IntegrationGateway } from './integration-gateway';

const log: MessagingLog = (level, message, fields) =>
  process.stdout.write(
    `${JSON.stringify({ level, time: new Date().toISOString(), app: 'integration-gateway', msg: message, ...fields })}\n`,
  );

/** The gateway as its own process (run the API with RUN_INTEGRATION=false beside it), until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.kafka) throw new ConfigError('KAFKA_BROKERS', 'is required to run the integration gateway');
  const shared = await openSharedState(config.sharedState, 'integration-gateway');
  // The same layers as the API: what partners send is encrypted and hash-chained like any command.
  const layers = await openEventStoreLayers(
    await openEventStore(config.eventStore, {
      dataDir: config.dataDir,
      applicationName: 'integration-gateway',
    }),
    { ...config, keyDatabase: shared.database },
  );
  const messaging = new KafkaMessaging(config.kafka, log);
  const publisher = messaging.publisher();
  const topics = topicNames(config.kafka.topicPrefix);
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());
  for (let attempt = 0; !controller.signal.aborted; attempt += 1) {
    try {
      await messaging.ensureTopics(IntegrationGateway.topics(topics));
      break;
    } catch (error) {
      log('warn', 'Broker not ready; retrying', { error: errorText(error) });
      await pause(backoffMs(attempt, 500, 10_000), controller.signal);
    }
  }
  const gateway = new IntegrationGateway({
    messaging,
    publisher,
    deciderStore: new DeciderStore(layers.app),
    topics,
    groupId: config.kafka.topicPrefix + GATEWAY_GROUP,
    clock: { now: () => new Date().toISOString(), uuid: () => randomUUID() },
    intake: () => config.intake,
    log,
  });
  if (!controller.signal.aborted) gateway.start();
  log('info', 'integration-gateway started', { groupId: config.kafka.topicPrefix + GATEWAY_GROUP });
  await new Promise<void>((resolve) =>
    controller.signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  await gateway.stop();
  await publisher.close();
  await layers.close();
  await shared.close();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `integration-gateway failed: ${errorText(error)}`}\n`,
  );
  process.exit(1);
});
