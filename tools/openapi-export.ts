import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { createApp } from '../apps/referral-api/src/app.setup';

/**
 * Writes the OpenAPI document the API serves at /docs-json to docs/openapi.json (or the path given), from
 * an API started on a throwaway embedded store: the committed file is what partners read and lint.
 */
async function main(): Promise<void> {
  const out = process.argv[2] ?? join(__dirname, '../docs/openapi.json');
  const dataDir = mkdtempSync(join(tmpdir(), 'openapi-export-'));
  try {
    const config = loadConfig({ DATA_DIR: dataDir, AUTH_JWT_SECRET: 'x'.repeat(48), LOG_LEVEL: 'error' });
    const app = await createApp(config);
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${address.port}/docs-json`);
    if (!res.ok) throw new Error(`GET /docs-json answered ${res.status}`);
    writeFileSync(out, `${JSON.stringify(await res.json(), null, 2)}\n`);
    await app.close();
    process.stderr.write(`Wrote ${out}\n`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
