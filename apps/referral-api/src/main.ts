import { ConfigError, loadConfig, answerHelp, CONFIGURATION_HINT } from '@app/config';
import { createApp } from './app.setup';

async function main(): Promise<void> {
  answerHelp(
    `npm start (or npm run start:prod after a build)\n  starts the referral API on HOST:PORT (default 127.0.0.1:3000) with the embedded store in DATA_DIR. ${CONFIGURATION_HINT}`,
  );
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  process.stdout.write(`referral-api listening on http://${config.host}:${config.port} (docs at /docs)\n`);
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError ? error.message : `Start-up failed: ${(error as Error).message}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
