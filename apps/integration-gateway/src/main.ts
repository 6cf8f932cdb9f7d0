import { ReferralApplication, referralDeciderStore } from '@app/application';
import { ConfigError, loadConfig, secureDataDir, answerHelp, CONFIGURATION_HINT } from '@app/config';
import { openEventStore } from '@app/event-store';
import {
  GATEWAY_GROUP,
  composeIntegration,
  processClock,
  processLog,
  untilSignalled,
} from '@app/integration';
import { errorText } from '@app/messaging';
import { openEventStoreLayers } from '@app/privacy';
import { openSharedState } from '@app/read-models';

/** The gateway as its own process (run the API with RUN_INTEGRATION=false beside it), until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  answerHelp(
    `npm run build:gateway && node dist/apps/integration-gateway/apps/integration-gateway/src/main.js\n  consumes signed inbound referrals and handoff answers from Kafka and applies them. ${CONFIGURATION_HINT}`,
  );
  const log = processLog('integration-gateway');
  const config = loadConfig();
  secureDataDir(config.dataDir);
  if (!config.kafka) throw new ConfigError('KAFKA_BROKERS', 'is required to run the integration gateway');
  const kafka = config.kafka;
  const shared = await openSharedState(config.sharedState, 'integration-gateway');
  // The same layers as the API: what partners send is encrypted and hash-chained like any command.
  const layers = await openEventStoreLayers(
    await openEventStore(config.eventStore, {
      dataDir: config.dataDir,
      applicationName: 'integration-gateway',
    }),
    { ...config, keyDatabase: shared.database },
  );
  const application = new ReferralApplication({
    deciderStore: referralDeciderStore(layers.app, layers.keys),
    clock: processClock,
    ids: processClock,
    personalDataKeys: layers.keys,
    backdating: { windowDays: config.backdateWindowDays },
  });
  const integration = composeIntegration({
    kafka,
    clock: processClock,
    log,
    gateway: { application, intake: () => config.intake, partners: config.auth.partners },
    onStarted: () =>
      log('info', 'integration-gateway started', { groupId: kafka.topicPrefix + GATEWAY_GROUP }),
  });
  await integration.run(untilSignalled());
  await layers.close();
  await shared.close();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `integration-gateway failed: ${errorText(error)}`}\n`,
  );
  process.exit(1);
});
