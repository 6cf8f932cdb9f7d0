import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, secureDataDir, answerHelp, CONFIGURATION_HINT } from '@app/config';
import { ProjectionRunner, projectionLeadership, superviseProjection } from '@app/read-models';
import { openStores } from './stores';

/**
 * Runs every projection as its own process (run the API with RUN_PROJECTIONS=false beside it).
 * With PostgreSQL read models, several projector instances may run: each projection is active on
 * one of them and the others stand by; after a database outage it resumes from its checkpoint.
 * `--once` applies everything stored so far and exits, for batch jobs and recovery checks.
 */
async function main(): Promise<void> {
  answerHelp(
    `npm run start:projector [-- --once]\n  keeps the read models up to date from the event store (--once: catch up, then exit). ${CONFIGURATION_HINT}`,
  );
  const { values } = parseArgs({ options: { once: { type: 'boolean', default: false } } });
  const config = loadConfig();
  secureDataDir(config.dataDir);
  const { store, readModels, close } = await openStores(config);
  const runners = readModels.runners(store);
  if (values.once) {
    await ProjectionRunner.catchUpTogether(runners);
  } else {
    const controller = new AbortController();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());
    process.stdout.write(`referral-projector following ${runners.length} projection(s)\n`);
    const leadership = projectionLeadership(config.readModelStore);
    const onInterrupted = (name: string, error: unknown) =>
      process.stderr.write(`Projection ${name} interrupted, resuming: ${(error as Error).message}\n`);
    await Promise.allSettled(
      runners.map((r) => superviseProjection(r, controller.signal, { leadership, onInterrupted })),
    );
  }
  await close();
  const failed = runners.map((r) => r.current()).filter((s) => s.state === 'failed');
  for (const f of failed)
    process.stderr.write(
      `Projection ${f.name} stopped at position ${f.failure?.position}: ${f.failure?.message}\n`,
    );
  if (failed.length) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `Projector failed: ${(error as Error).message}`}\n`,
  );
  process.exit(1);
});
