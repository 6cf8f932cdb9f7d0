import { readFileSync } from 'node:fs';
import { answerHelp, loadConfig, secureDataDir } from '@app/config';
import { importServices, openDirectory, readFeed, readPostcodeCsv } from '@app/directory';
import type { ImportReport } from '@app/directory';

const USAGE = `The community directory (HSDS 3.0), in the store the server uses (DATA_DIR, READ_MODEL_STORE, DATABASE_URL).

npm run directory:import -- <url|file> [--json]
  imports an Open Referral UK / HSDS 3.0 feed: an API base URL (its paged /services are read to the end) or a
  JSON file of services (an array, or a page with contents). Each service is added, changed, left unchanged
  or rejected with why; valid services are never dropped for others; re-running changes nothing and resumes
  an interrupted import. Exits 1 when any service was rejected.
npm run directory:postcodes -- <ONS Postcode Directory CSV>
  loads postcode centroids (pcds, lat, long columns) so searches by postcode work offline.`;

function print(report: ImportReport, json: boolean): void {
  if (json) return void process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  for (const line of report.lines)
    process.stdout.write(
      `${line.outcome.padEnd(9)} ${line.id ?? '(no id)'}${line.reason ? `  ${line.reason}` : ''}\n`,
    );
  process.stdout.write(
    `${report.added} added, ${report.changed} changed, ${report.unchanged} unchanged, ${report.rejected} rejected\n`,
  );
}

async function main(): Promise<void> {
  answerHelp(USAGE);
  const [command, source, ...flags] = process.argv.slice(2);
  if (!command || !source) throw new Error(USAGE);
  const config = loadConfig();
  secureDataDir(config.dataDir);
  const { store, close } = await openDirectory(config.readModelStore, config.dataDir);
  try {
    if (command === 'import') {
      const services = await readFeed(source);
      const report = await importServices(store, services, {
        actor: `import:${source.slice(0, 200)}`,
        now: () => new Date().toISOString(),
      });
      print(report, flags.includes('--json'));
      if (report.rejected) process.exitCode = 1;
      return;
    }
    if (command === 'postcodes') {
      const { rows, skipped } = readPostcodeCsv(readFileSync(source, 'utf8'));
      await store.putPostcodes(rows);
      process.stdout.write(
        `${rows.length} postcodes loaded, ${skipped} lines skipped (not a postcode with coordinates)\n`,
      );
      return;
    }
    throw new Error(USAGE);
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
