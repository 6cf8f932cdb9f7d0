import { describePostgresTarget, isPostgresUnavailable, postgresReason } from '@app/event-store/postgres';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { Client, Pool } from 'pg';
import type { ClientConfig } from 'pg';
import { migrateReadModels } from '../database';
import type { ReadModelDb, ReadModelTables } from '../database';

/** The read-model database could not be reached; callers answer 503, not 500. */
export class ReadModelsUnavailableError extends Error {
  readonly code = 'READ_MODELS.UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReadModelsUnavailableError';
  }
}

/** Where the PostgreSQL read models live; only `connectionString` is required. */
export type PostgresReadModelsOptions = {
  connectionString: string;
  /** Schema holding the read-model tables (created if missing). Default `public`. */
  schema?: string;
  /** Connections in the pool. Default 10. */
  poolSize?: number;
  /** How long to wait for a connection before answering unavailable. Default 5000. */
  connectTimeoutMs?: number;
  /** Longest a statement may run. Default 30000. */
  statementTimeoutMs?: number;
};

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const MIGRATE_LOCK_CLASS = 0x52_4d_4d_47; // 'RMMG'

/** pg connection settings shared by the read-model pool and the projection leadership locks. */
export function readModelClientConfig(
  options: PostgresReadModelsOptions,
  applicationName: string,
): ClientConfig {
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema))
    throw new Error(`PostgreSQL schema must match ${SCHEMA_NAME.source}, got "${schema}"`);
  return {
    connectionString: options.connectionString,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    keepAlive: true,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    application_name: applicationName,
    options: `-c search_path=${schema}`,
  };
}

/**
 * Opens the read models on PostgreSQL, creating the schema and tables if missing (the same
 * migrations as SQLite). Fails with one line naming the server when it cannot be reached.
 */
export function openPostgresReadModels(options: PostgresReadModelsOptions): Promise<ReadModelDb> {
  return openPostgresDatabase<ReadModelTables>(options, {
    what: 'read models',
    applicationName: 'cyp-read-models',
    migrate: async (db) => {
      await migrateReadModels(db);
      // Access logs created before its columns were text (SQLite never enforced their lengths).
      const bounded = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'access_log' AND data_type = 'character varying'`.execute(
        db,
      );
      if ((bounded.rows[0]?.n ?? 0) === 0) return;
      await sql`ALTER TABLE access_log ALTER COLUMN at TYPE text, ALTER COLUMN actor TYPE text,
        ALTER COLUMN roles TYPE text, ALTER COLUMN referral_id TYPE text,
        ALTER COLUMN link_worker_id TYPE text, ALTER COLUMN endpoint TYPE text,
        ALTER COLUMN purpose TYPE text`.execute(db);
    },
  });
}

export type PostgresDatabaseRole<DB> = {
  /** Named in errors: "the PostgreSQL <what> at host/db". */
  what: string;
  /** Shown in pg_stat_activity. */
  applicationName: string;
  /** Creates the tables if missing; runs under an advisory lock, so instances starting together take turns. */
  migrate?: (db: Kysely<DB>) => Promise<void>;
};

/**
 * A Kysely instance over a PostgreSQL pool whose lost connections surface as
 * `ReadModelsUnavailableError` (answered 503), with the schema created and migrated.
 * Fails with one line naming the server when it cannot be reached.
 */
export async function openPostgresDatabase<DB>(
  options: PostgresReadModelsOptions,
  role: PostgresDatabaseRole<DB>,
): Promise<Kysely<DB>> {
  const target = describePostgresTarget(options.connectionString);
  const config = readModelClientConfig(options, role.applicationName);
  const schema = options.schema ?? 'public';
  const cannotOpen = (error: unknown) =>
    new ReadModelsUnavailableError(
      `Cannot open the PostgreSQL ${role.what} at ${target}: ${postgresReason(error)}`,
      {
        cause: error,
      },
    );
  try {
    await createSchema(config, schema);
  } catch (error) {
    throw cannotOpen(error);
  }
  const pool = new Pool({ ...config, max: options.poolSize ?? 10, idleTimeoutMillis: 30_000 });
  // Idle connections die when the server restarts; the pool drops them and reconnects on demand.
  pool.on('error', () => undefined);
  // A checked-out connection losing its server emits 'error' outside any query: without a listener the process would crash.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: mappingUnavailable(pool, target, role.what) }),
  });
  if (!role.migrate) return db;
  const migrate = role.migrate;
  try {
    await db.connection().execute(async (connection) => {
      await sql`SELECT pg_advisory_lock(${MIGRATE_LOCK_CLASS}, hashtext(${schema}))`.execute(connection);
      try {
        await migrate(connection);
      } finally {
        await sql`SELECT pg_advisory_unlock(${MIGRATE_LOCK_CLASS}, hashtext(${schema}))`.execute(connection);
      }
    });
    return db;
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw cannotOpen(error);
  }
}

// CREATE SCHEMA needs a privilege an operator may not grant; only ask for it when the schema is missing.
async function createSchema(config: ClientConfig, schema: string): Promise<void> {
  const client = new Client(config);
  client.on('error', () => undefined);
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (found.rowCount === 0) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await client.end();
  }
}

/** The pool as Kysely sees it, with lost connections reported as `ReadModelsUnavailableError`. */
function mappingUnavailable(pool: Pool, target: string, what: string): PostgresPool {
  const rethrow = (error: unknown): never => {
    if (isPostgresUnavailable(error)) {
      throw new ReadModelsUnavailableError(
        `PostgreSQL ${what} at ${target} unavailable: ${postgresReason(error)}`,
        { cause: error },
      );
    }
    throw error;
  };
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect().catch(rethrow);
      const query = (text: string, parameters: ReadonlyArray<unknown>) =>
        client.query(text, [...parameters]).catch(rethrow);
      // Kysely only passes a cursor when one is configured, and none is here.
      return { query: query as unknown as PostgresPoolClient['query'], release: () => client.release() };
    },
    end: () => pool.end(),
  };
}
