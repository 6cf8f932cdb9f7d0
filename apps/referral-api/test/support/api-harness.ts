import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@app/config';
import type { AppConfig } from '@app/config';
import { createTestDatabase } from '@app/testing';
import type { TestDatabase } from '@app/testing';
import { createApp } from '../../src/app.setup';
import { signToken } from '../../src/auth/jwt-auth.guard';
import type { TokenClaims } from '../../src/auth/jwt-auth.guard';
import type { Role } from '@app/application';

export const TEST_SECRET = 'e2e-secret-that-is-long-enough-for-hs256-0123456789';

export type Api = {
  app: NestFastifyApplication;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  token: (role: Role | Role[], sub?: string, claims?: TokenClaims) => string;
  restart: () => Promise<Api>;
  close: (opts?: { keepData?: boolean }) => Promise<void>;
};

/**
 * Starts the whole API on a fresh store: the embedded one in a temporary folder or, in the
 * `e2e-postgres` jest project (E2E_STORES=postgres), a new PostgreSQL database dropped on close.
 */
export async function startApi(env: Record<string, string> = {}, dataDir?: string): Promise<Api> {
  const database =
    process.env.E2E_STORES === 'postgres' && !env.EVENT_STORE ? await createTestDatabase('e2e') : undefined;
  return start(env, dataDir ?? mkdtempSync(join(tmpdir(), 'referral-api-e2e-')), database);
}

async function start(
  env: Record<string, string>,
  dir: string,
  database: TestDatabase | undefined,
): Promise<Api> {
  const stores = database
    ? {
        EVENT_STORE: 'postgres',
        READ_MODEL_STORE: 'postgres',
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: '4',
      }
    : {};
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dir,
    AUTH_JWT_SECRET: TEST_SECRET,
    // Checkpoints only when a test asks for them, so none is signed behind its back (tamper tests above all).
    AUDIT_CHECKPOINT_EVERY_EVENTS: '0',
    AUDIT_CHECKPOINT_EVERY_SECONDS: '0',
    // The fixtures sit at fixed dates in September 2026; tests of the window set it themselves.
    BACKDATE_WINDOW_DAYS: 'unlimited',
    // The synthetic directory loads only for the tests of the directory.
    DIRECTORY_SEED: 'false',
    ...stores,
    ...env,
  });
  const app = await createApp(config).catch(async (error: unknown) => {
    await database?.drop();
    throw error;
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const api: Api = {
    app,
    config,
    http: () => request(app.getHttpServer()),
    token: (role, sub, claims) => {
      const roles = Array.isArray(role) ? role : [role];
      return signToken(TEST_SECRET, sub ?? `${roles[0]}-1`, roles, 3600, claims);
    },
    restart: async () => {
      await app.close();
      return start(env, dir, database);
    },
    close: async (opts) => {
      await app.close();
      if (opts?.keepData) return;
      rmSync(dir, { recursive: true, force: true });
      await database?.drop();
    },
  };
  return api;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Waits until every projection has applied every stored event. */
export async function projectionsCaughtUp(api: Api, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = await api.http().get('/health');
    const projections = health.body.projections as { eventsBehind: number; state: string }[];
    if (projections.every((p) => p.eventsBehind === 0)) return;
    if (projections.some((p) => p.state === 'failed'))
      throw new Error(`projection failed: ${JSON.stringify(projections)}`);
    if (Date.now() > deadline) throw new Error(`projections still behind: ${JSON.stringify(projections)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
