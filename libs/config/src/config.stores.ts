import { ConfigError, integer, oneOf } from './config.values';
import type { Env } from './config.values';

/** A PostgreSQL server and how the apps use it. */
export type PostgresConfig = { url: string; schema: string; poolSize: number; connectTimeoutMs: number };
export type EventStoreConfig =
  | { kind: 'sqlite' }
  | { kind: 'postgres'; postgres: PostgresConfig }
  | { kind: 'kurrentdb'; connectionString: string };
export type ReadModelStoreConfig = { kind: 'sqlite' } | { kind: 'postgres'; postgres: PostgresConfig };
export type SharedStateConfig = { kind: 'embedded' } | { kind: 'postgres'; postgres: PostgresConfig };

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;
const KURRENTDB_URL = /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\/\S+$/;
const PG_EXAMPLE = 'postgres://user:password@host:5432/database';

// Messages never echo a connection string: it may hold a password.
function postgresUrl(env: Env, name: string, requiredBy?: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) {
    if (requiredBy) throw new ConfigError(name, `is required when ${requiredBy} (e.g. ${PG_EXAMPLE})`);
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be a URL like ${PG_EXAMPLE}`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(name, `must start with postgres:// or postgresql://, got ${url.protocol}//`);
  }
  if (url.pathname.length < 2) throw new ConfigError(name, `must name a database, like ${PG_EXAMPLE}`);
  return raw;
}

/** Where events, read models and shared state are kept. */
export type StoresConfig = {
  eventStore: EventStoreConfig;
  readModelStore: ReadModelStoreConfig;
  sharedState: SharedStateConfig;
};

export function storesConfig(env: Env): StoresConfig {
  const events = oneOf(env, 'EVENT_STORE', ['sqlite', 'postgres', 'kurrentdb'] as const, 'sqlite');
  const readModels = oneOf(env, 'READ_MODEL_STORE', ['sqlite', 'postgres'] as const, 'sqlite');
  const url = postgresUrl(env, 'DATABASE_URL', events === 'postgres' ? 'EVENT_STORE=postgres' : undefined);
  const readModelUrl = readModelDatabaseUrl(env, readModels);
  const schema = env.DATABASE_SCHEMA?.trim() || 'public';
  if (!SCHEMA.test(schema))
    throw new ConfigError(
      'DATABASE_SCHEMA',
      `must be a lower-case SQL name (letters, digits, _), got "${schema}"`,
    );
  const pool = {
    schema,
    poolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    connectTimeoutMs: integer(env, 'DATABASE_CONNECT_TIMEOUT_MS', 5000, 100, 120_000),
  };
  const kurrent = kurrentConnection(env, events);
  const eventStore: EventStoreConfig =
    events === 'postgres' && url
      ? { kind: 'postgres', postgres: { url, ...pool } }
      : events === 'kurrentdb' && kurrent
        ? { kind: 'kurrentdb', connectionString: kurrent }
        : { kind: 'sqlite' };
  const readModelStore: ReadModelStoreConfig =
    readModels === 'postgres' && readModelUrl
      ? { kind: 'postgres', postgres: { url: readModelUrl, ...pool } }
      : { kind: 'sqlite' };
  return { eventStore, readModelStore, sharedState: sharedStateOf(eventStore, readModelStore) };
}

/** READ_MODEL_DATABASE_URL, else DATABASE_URL (required when the read models are on PostgreSQL). */
function readModelDatabaseUrl(env: Env, readModels: string): string | undefined {
  return (
    postgresUrl(env, 'READ_MODEL_DATABASE_URL') ??
    postgresUrl(
      env,
      'DATABASE_URL',
      readModels === 'postgres' ? 'READ_MODEL_STORE=postgres (or set READ_MODEL_DATABASE_URL)' : undefined,
    )
  );
}

function kurrentConnection(env: Env, events: string): string | undefined {
  const kurrent = env.KURRENTDB_CONNECTION_STRING?.trim();
  if (events === 'kurrentdb' && !kurrent) {
    throw new ConfigError(
      'KURRENTDB_CONNECTION_STRING',
      'is required when EVENT_STORE=kurrentdb (e.g. kurrentdb://admin:changeit@host:2113?tls=true)',
    );
  }
  if (kurrent && !KURRENTDB_URL.test(kurrent)) {
    throw new ConfigError(
      'KURRENTDB_CONNECTION_STRING',
      'must start with kurrentdb://, kurrentdb+discover://, kdb:// or esdb://',
    );
  }
  return kurrent;
}

/** Shared state lives in the event store's PostgreSQL, else the read models', else in DATA_DIR. */
function sharedStateOf(
  eventStore: EventStoreConfig,
  readModelStore: ReadModelStoreConfig,
): SharedStateConfig {
  if (eventStore.kind === 'postgres') return { kind: 'postgres', postgres: eventStore.postgres };
  if (readModelStore.kind === 'postgres') return { kind: 'postgres', postgres: readModelStore.postgres };
  return { kind: 'embedded' };
}
