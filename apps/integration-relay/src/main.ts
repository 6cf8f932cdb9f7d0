import { ConfigError, loadConfig, secureDataDir, answerHelp, CONFIGURATION_HINT } from '@app/config';
import { openEventStore } from '@app/event-store';
import {
  RELAY_CHECKPOINT,
  ReadModelRelayState,
  composeIntegration,
  processClock,
  processLog,
  untilSignalled,
} from '@app/integration';
import { errorText } from '@app/messaging';
import { openEventStoreLayers } from '@app/privacy';
import { ReadModels, suppressionPolicy, openSharedState } from '@app/read-models';

/**
 * The relay as its own process (run the API with RUN_INTEGRATION=false beside it): publishes handoffs,
 * status messages and commissioner waiting-time rows from the event store until SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  answerHelp(
    `npm run build:relay && node dist/apps/integration-relay/apps/integration-relay/src/main.js\n  publishes handoffs, referral status and waiting-time rows from the event store to Kafka (one leader among\n  instances). ${CONFIGURATION_HINT}`,
  );
  const log = processLog('integration-relay');
  const config = loadConfig();
  secureDataDir(config.dataDir);
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
  const readModels = await ReadModels.open(config.readModelStore, config);
  const state = await ReadModelRelayState.open(shared.database ?? readModels.embeddedStateDatabase);
  const integration = composeIntegration({
    kafka: config.kafka,
    clock: processClock,
    log,
    relay: {
      store: layers.app,
      state,
      referralsReceivedBetween: (from, to) => readModels.referralsReceivedBetween(from, to),
      suppression: suppressionPolicy(config.suppressionPolicy, config.disclosure),
      leadership: shared.leadership,
    },
    onStarted: async () =>
      log('info', 'integration-relay started', { position: await state.checkpoint(RELAY_CHECKPOINT) }),
  });
  await integration.run(untilSignalled());
  await readModels.close();
  await layers.close();
  await shared.close();
  const failure = integration.status().relay?.failure;
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
