import { readAllRate } from '../lib/read-rate';
import { exitStats, toParent } from '../lib/child';
import { openLayered } from '../lib/stores';

/**
 * Where a rebuild's time goes, part one: reading the first `limit` events in batches as a rebuild reads them, with
 * `readAll`, on the SQLite adapter alone and through the API's layers (personal data decrypted).
 * Arguments: the data folder and the limit.
 */
async function main(): Promise<void> {
  const [dataDir, limit = '200000'] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: read-rate.child.ts <dataDir> [limit]');
  const store = await openLayered(dataDir);
  const engine = await readAllRate(store.engine, Number(limit));
  const layered = await readAllRate(store.app, Number(limit));
  await store.close();
  await toParent({ type: 'result', engine, layered });
  await toParent(exitStats());
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`read-rate child failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
