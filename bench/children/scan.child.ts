import Database from 'better-sqlite3';
import { exitStats, toParent } from '../lib/child';

/**
 * The rebuild's baseline: every event read in position order with plain better-sqlite3 and its data
 * parsed, the least any rebuild must do. Argument: the events file.
 */
async function main(): Promise<void> {
  const [eventsFile] = process.argv.slice(2);
  if (!eventsFile) throw new Error('usage: scan.child.ts <events.sqlite>');
  const db = new Database(eventsFile, { readonly: true });
  const rows = db.prepare<[], { data: string }>(
    'SELECT position, stream, version, type, data, metadata FROM events ORDER BY position',
  );
  const start = process.hrtime.bigint();
  let events = 0;
  let bytes = 0;
  for (const row of rows.iterate()) {
    bytes += (JSON.parse(row.data) as object) ? row.data.length : 0;
    events += 1;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  db.close();
  await toParent({ type: 'result', events, seconds, bytes });
  await toParent(exitStats());
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`scan child failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
