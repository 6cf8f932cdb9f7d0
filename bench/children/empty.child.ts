import { exitStats, toParent } from '../lib/child';

/** Does nothing: its peak memory is what the TypeScript loader (swc-node) and Node cost every bench child. */
async function main(): Promise<void> {
  await toParent({ type: 'result' });
  await toParent(exitStats());
  process.exit(0);
}

void main();
