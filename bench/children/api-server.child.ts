import type { AddressInfo } from 'node:net';
import { loadConfig } from '@app/config';
import { createApp } from '../../apps/referral-api/src/app.setup';
import { answerProfileRequests, exitStats, stopRequested, toParent } from '../lib/child';
import { BENCH_AUDIT_SIGNING_KEY, BENCH_MASTER_KEY } from '../lib/stores';

/**
 * The real referral API, built by `createApp` as production builds it, on 127.0.0.1 and a free port.
 * Arguments: DATA_DIR, the JWT secret, and optionally settings (JSON) over the bench's defaults.
 */
async function main(): Promise<void> {
  const [dataDir, secret, settings = '{}'] = process.argv.slice(2);
  if (!dataDir || !secret) throw new Error('usage: api-server.child.ts <dataDir> <jwtSecret> [settingsJson]');
  const config = loadConfig({
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    AUTH_JWT_SECRET: secret,
    DATA_KEY_MASTER: BENCH_MASTER_KEY,
    AUDIT_SIGNING_KEY: BENCH_AUDIT_SIGNING_KEY,
    // The load comes from a handful of users; a per-user write limit would measure the limit, not the API.
    RATE_LIMIT_WRITES_PER_MINUTE: '0',
    RATE_LIMIT_READS_PER_MINUTE: '0',
    ...(JSON.parse(settings) as Record<string, string>),
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  answerProfileRequests();
  await toParent({ type: 'ready', port });
  await stopRequested();
  await app.close();
  await toParent(exitStats());
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`api-server child failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
