import { ConfigError, loadConfig } from '@app/config';
import { ALL_PROJECTIONS, ProjectionRunner } from '@app/read-models';
import { openStores } from './stores';

/** Runs every projection as its own process (run the API with RUN_PROJECTIONS=false beside it). */
async function main(): Promise<void> {
  const config = loadConfig();
  const { store, db, close } = await openStores(config);
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());
  const runners = ALL_PROJECTIONS.map((p) => new ProjectionRunner(store, db, p));
  process.stdout.write(`referral-projector following ${runners.length} projection(s)\n`);
  const results = await Promise.allSettled(runners.map((r) => r.run(controller.signal)));
  await close();
  const failed = runners.map((r) => r.current()).filter((s) => s.state === 'failed');
  for (const f of failed) process.stderr.write(`Projection ${f.name} stopped at position ${f.failure?.position}: ${f.failure?.message}\n`);
  if (failed.length || results.some((r) => r.status === 'rejected')) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `Projector failed: ${(error as Error).message}`}\n`);
  process.exit(1);
});
