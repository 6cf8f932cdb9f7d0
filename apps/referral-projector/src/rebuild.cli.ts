import { SingleBar, Presets } from 'cli-progress';
import { ConfigError, loadConfig, secureDataDir, answerHelp, CONFIGURATION_HINT } from '@app/config';
import { openStores } from './stores';

answerHelp(`npm run projections:rebuild
  rebuilds every read model from the first event in one pass (stop the API's projections or the projector
  first). ${CONFIGURATION_HINT}`);
/** Rebuilds every read model from position 0 in one pass. Stop the API's projections (or the projector) first. */
async function main(): Promise<void> {
  const config = loadConfig();
  secureDataDir(config.dataDir);
  const { store, readModels, close } = await openStores(config);
  const head = await store.headPosition();
  const started = Date.now();
  const bar = new SingleBar(
    {
      noTTYOutput: true,
      notTTYSchedule: 2000,
      format: `read models [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta_formatted}`,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  bar.start(head, 0, { rate: 0 });
  await readModels.rebuild(store, {
    onProgress: (position: number) => {
      const seconds = (Date.now() - started) / 1000;
      bar.update(position, { rate: Math.round(position / Math.max(seconds, 0.001)) });
    },
  });
  bar.update(head);
  bar.stop();
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(
    `Rebuilt ${readModels.projections.length} projection(s) over ${head} events in ${seconds.toFixed(1)} s\n`,
  );
  await close();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `Rebuild failed: ${(error as Error).message}`}\n`,
  );
  process.exit(1);
});
