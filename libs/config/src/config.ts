import { resolve } from 'node:path';

export type NodeEnv = 'development' | 'production' | 'test';

/** Every setting the apps read, validated once at start-up. */
export type AppConfig = {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  dataDir: string;
  authJwtSecret?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  intake: { minAgeYears: number; maxAgeYears: number };
  suppressionPolicy: 'nhs-secondary-care' | 'under-5' | 'none';
  /** Run the projections inside the API process (the single-process default). */
  runProjections: boolean;
  /** Base64 of 32 bytes wrapping every data key; generated into the data folder outside production when unset. */
  dataKeyMaster?: string;
  /** Kafka, when `KAFKA_BROKERS` is set; without it handoffs wait in the event store until one is configured. */
  kafka?: KafkaConfig;
  /** Run the integration relay and gateway inside the API process when Kafka is configured. */
  runIntegration: boolean;
  /** Where events are stored: embedded SQLite (default), PostgreSQL or KurrentDB. */
  eventStore: EventStoreConfig;
  /** Where projections keep caseloads and reports: embedded SQLite (default) or PostgreSQL. */
  readModelStore: ReadModelStoreConfig;
  /**
   * Per-client limits on requests, per instance: writes and reads each have a sustained rate and a
   * burst above it; 0 per minute turns that limit off.
   */
  rateLimit: { writesPerMinute: number; burst: number; readsPerMinute: number; readBurst: number };
  /**
   * Where state every instance must agree on lives (data keys, idempotency records, relay state and
   * leadership): the event store's PostgreSQL when events are there, else the read models' PostgreSQL,
   * else files in DATA_DIR (the embedded default, one machine).
   */
  sharedState: SharedStateConfig;
  /** How long SIGTERM waits for in-flight requests to finish before their connections are closed. */
  shutdownGraceMs: number;
};

/** How the apps reach Kafka and name what they create there. */
export type KafkaConfig = {
  brokers: string[];
  clientId: string;
  /** Prepended to every topic and consumer group name, e.g. `staging.`; empty by default. */
  topicPrefix: string;
  ssl: boolean;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  /** Partitions and replication factor of topics the apps create; undefined uses the broker's defaults. */
  topicPartitions?: number;
  replicationFactor?: number;
  /** How often the commissioner waiting-time rows are recomputed and published when changed. */
  reportIntervalMs: number;
};

/** A setting is missing or malformed; the message names it. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${setting} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

/** Reads and validates configuration from the environment (the only place that reads `process.env`). */
export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const authJwtSecret = env.AUTH_JWT_SECRET || undefined;
  if (authJwtSecret !== undefined && authJwtSecret.length < 32) {
    throw new ConfigError('AUTH_JWT_SECRET', 'must be at least 32 characters');
  }
  const dataKeyMaster = env.DATA_KEY_MASTER || undefined;
  if (dataKeyMaster !== undefined && Buffer.from(dataKeyMaster, 'base64').length !== 32) {
    throw new ConfigError(
      'DATA_KEY_MASTER',
      'must be base64 of exactly 32 random bytes (e.g. `openssl rand -base64 32`)',
    );
  }
  if (nodeEnv === 'production' && !dataKeyMaster) {
    throw new ConfigError(
      'DATA_KEY_MASTER',
      'is required when NODE_ENV=production (base64 of 32 random bytes)',
    );
  }
  if (nodeEnv === 'production' && !authJwtSecret) {
    throw new ConfigError(
      'AUTH_JWT_SECRET',
      'is required when NODE_ENV=production (set it to a random secret of 32+ characters)',
    );
  }
  const minAgeYears = integer(env, 'REFERRAL_MIN_AGE', 5, 0, 25);
  const maxAgeYears = integer(env, 'REFERRAL_MAX_AGE', 19, 0, 25);
  if (minAgeYears > maxAgeYears)
    throw new ConfigError('REFERRAL_MIN_AGE', `must not exceed REFERRAL_MAX_AGE (${maxAgeYears})`);
  return {
    nodeEnv,
    host: env.HOST || '127.0.0.1',
    port: integer(env, 'PORT', 3000, 0, 65535),
    dataDir: resolve(env.DATA_DIR || './data'),
    authJwtSecret,
    logLevel: oneOf(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      nodeEnv === 'test' ? 'silent' : 'info',
    ),
    intake: { minAgeYears, maxAgeYears },
    runProjections: oneOf(env, 'RUN_PROJECTIONS', ['true', 'false'] as const, 'true') === 'true',
    dataKeyMaster,
    suppressionPolicy: oneOf(
      env,
      'SUPPRESSION_POLICY',
      ['nhs-secondary-care', 'under-5', 'none'] as const,
      'nhs-secondary-care',
    ),
    kafka: kafkaConfig(env),
    runIntegration: oneOf(env, 'RUN_INTEGRATION', ['true', 'false'] as const, 'true') === 'true',
    rateLimit: {
      writesPerMinute: integer(env, 'RATE_LIMIT_WRITES_PER_MINUTE', 1200, 0, 10_000_000),
      burst: integer(env, 'RATE_LIMIT_WRITE_BURST', 600, 1, 10_000_000),
      readsPerMinute: integer(env, 'RATE_LIMIT_READS_PER_MINUTE', 6000, 0, 10_000_000),
      readBurst: integer(env, 'RATE_LIMIT_READ_BURST', 1000, 1, 10_000_000),
    },
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    ...storesConfig(env),
  };
}

const BROKER = /^[A-Za-z0-9.-]+:(\d{1,5})$/;
const KAFKA_NAME = /^[A-Za-z0-9._-]*$/;

function kafkaConfig(env: Env): KafkaConfig | undefined {
  const raw = env.KAFKA_BROKERS?.trim();
  if (!raw) return undefined;
  const brokers = raw.split(',').map((b) => b.trim());
  for (const broker of brokers) {
    const port = Number(BROKER.exec(broker)?.[1] ?? 0);
    if (port < 1 || port > 65535)
      throw new ConfigError('KAFKA_BROKERS', `must be a comma-separated list of host:port, got "${broker}"`);
  }
  const clientId = env.KAFKA_CLIENT_ID || 'cyp-social-prescribing';
  if (!KAFKA_NAME.test(clientId) || clientId.length > 100)
    throw new ConfigError('KAFKA_CLIENT_ID', 'must be 1-100 letters, digits, ".", "_" or "-"');
  const topicPrefix = env.KAFKA_TOPIC_PREFIX ?? '';
  if (!KAFKA_NAME.test(topicPrefix) || topicPrefix.length > 100)
    throw new ConfigError('KAFKA_TOPIC_PREFIX', 'must be at most 100 letters, digits, ".", "_" or "-"');
  const mechanism = oneOf(
    env,
    'KAFKA_SASL_MECHANISM',
    ['plain', 'scram-sha-256', 'scram-sha-512', 'none'] as const,
    'none',
  );
  let sasl: KafkaConfig['sasl'];
  if (mechanism !== 'none') {
    const { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = env;
    if (!username)
      throw new ConfigError('KAFKA_SASL_USERNAME', `is required when KAFKA_SASL_MECHANISM=${mechanism}`);
    if (!password)
      throw new ConfigError('KAFKA_SASL_PASSWORD', `is required when KAFKA_SASL_MECHANISM=${mechanism}`);
    sasl = { mechanism, username, password };
  }
  const optional = (name: string, min: number, max: number) =>
    env[name] ? integer(env, name, 0, min, max) : undefined;
  return {
    brokers,
    clientId,
    topicPrefix,
    ssl: oneOf(env, 'KAFKA_SSL', ['true', 'false'] as const, 'false') === 'true',
    sasl,
    topicPartitions: optional('KAFKA_TOPIC_PARTITIONS', 1, 1000),
    replicationFactor: optional('KAFKA_REPLICATION_FACTOR', 1, 10),
    reportIntervalMs: integer(env, 'KAFKA_REPORT_INTERVAL_MS', 60_000, 100, 86_400_000),
  };
}

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

function storesConfig(env: Env): Pick<AppConfig, 'eventStore' | 'readModelStore' | 'sharedState'> {
  const events = oneOf(env, 'EVENT_STORE', ['sqlite', 'postgres', 'kurrentdb'] as const, 'sqlite');
  const readModels = oneOf(env, 'READ_MODEL_STORE', ['sqlite', 'postgres'] as const, 'sqlite');
  const url = postgresUrl(env, 'DATABASE_URL', events === 'postgres' ? 'EVENT_STORE=postgres' : undefined);
  const readModelUrl =
    postgresUrl(env, 'READ_MODEL_DATABASE_URL') ??
    postgresUrl(
      env,
      'DATABASE_URL',
      readModels === 'postgres' ? 'READ_MODEL_STORE=postgres (or set READ_MODEL_DATABASE_URL)' : undefined,
    );
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
  const sharedState: SharedStateConfig =
    eventStore.kind === 'postgres'
      ? { kind: 'postgres', postgres: eventStore.postgres }
      : readModelStore.kind === 'postgres'
        ? { kind: 'postgres', postgres: readModelStore.postgres }
        : { kind: 'embedded' };
  return { eventStore, readModelStore, sharedState };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
