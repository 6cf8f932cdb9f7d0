import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { Client } from 'pg';

/** The PostgreSQL database tests use: TEST_DATABASE_URL, or the machine's local server. */
export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
}

/** A name no other test run uses: lower case, safe as an unquoted SQL identifier. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops a schema made by a test, with everything in it. */
export async function dropSchema(schema: string, url = testDatabaseUrl()): Promise<void> {
  await withClient(url, (client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
}

export type TestDatabase = { name: string; url: string; drop: () => Promise<void> };

/**
 * Creates an empty database on the test server; `drop` removes it, closing any connection left open.
 * Unless `durable`, commits do not wait for the disk (synchronous_commit off): the order and
 * visibility of commits are unchanged, only a server crash could lose the last ones.
 */
export async function createTestDatabase(
  prefix = 'e2e',
  options: { durable?: boolean } = {},
): Promise<TestDatabase> {
  const name = uniqueName(prefix);
  const url = new URL(testDatabaseUrl());
  const admin = url.toString();
  await withClient(admin, async (client) => {
    await client.query(`CREATE DATABASE "${name}"`);
    if (!options.durable) await client.query(`ALTER DATABASE "${name}" SET synchronous_commit = off`);
  });
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () =>
      withClient(admin, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

/**
 * Stops or starts the machine's own PostgreSQL cluster (Debian's pg_ctlcluster), for outage tests.
 * Undefined when there is no local cluster to control.
 */
export function localPostgresCluster():
  { stop: () => Promise<void>; start: () => Promise<void>; isUp: () => Promise<boolean> } | undefined {
  if (!existsSync('/etc/postgresql') || !existsSync('/usr/bin/pg_ctlcluster')) return undefined;
  const [version] = readdirSync('/etc/postgresql');
  if (version === undefined) return undefined;
  const control = (action: 'stop' | 'start') =>
    promisify(execFile)('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', action], {
      timeout: 60_000,
    }).then(() => undefined);
  const isUp = () =>
    withClient(testDatabaseUrl(), (client) => client.query('SELECT 1')).then(
      () => true,
      () => false,
    );
  return { stop: () => control('stop'), start: () => control('start'), isUp };
}

/** Runs one statement on a database with a connection of its own, for tests that look under the store. */
export function queryDatabase<R extends object>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  return withClient(url, async (client) => (await client.query<R>(text, values)).rows);
}
