import { resolve } from 'node:path';
import { auditConfig } from './config.audit';
import type { AuditConfig } from './config.audit';
import { authConfig, lowEntropy } from './config.auth';
import type { AuthConfig } from './config.auth';
import { dashboardConfig } from './config.dashboard';
import type { DashboardConfig } from './config.dashboard';
import { kafkaConfig } from './config.kafka';
import type { KafkaConfig } from './config.kafka';
import { storesConfig } from './config.stores';
import type { EventStoreConfig, ReadModelStoreConfig, SharedStateConfig } from './config.stores';
import { ConfigError, integer, oneOf } from './config.values';
import type { Env } from './config.values';

export { ConfigError } from './config.values';
export type { KafkaConfig } from './config.kafka';
export type { AuditConfig } from './config.audit';
export type { AuthConfig, OidcConfig } from './config.auth';
export type { DashboardConfig, DashboardOidcConfig } from './config.dashboard';
export type { IntegrationPartner, PartnerHandoffTarget } from './config.partners';
export type {
  EventStoreConfig,
  PostgresConfig,
  ReadModelStoreConfig,
  SharedStateConfig,
} from './config.stores';

export type NodeEnv = 'development' | 'production' | 'test';

/** Every setting the apps read, validated once at start-up. */
export type AppConfig = {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  dataDir: string;
  /** The HS256 secret (`auth.jwtSecret`); outside production one is generated into DATA_DIR when unset. */
  authJwtSecret?: string;
  /** How callers are authenticated (HS256, an identity provider's JWKS), partners and teams. */
  auth: AuthConfig;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** The community directory: who may read it (a token, or public) and whether an empty one gets the synthetic data. */
  directory: {
    readToken?: string;
    seed: boolean;
    freshnessMonths: number;
    /** How far from a young person's postcode a service counts as within reach (suggestions, unmet need). */
    matchDistanceMetres: number;
  };
  /** The browser dashboard's sign-in: development pick-a-role (never in production) and the identity provider's client. */
  dashboard: DashboardConfig;
  /** `auto`: human-readable lines when stdout is a terminal, JSON otherwise (LOG_FORMAT). */
  logFormat: 'auto' | 'json' | 'pretty';
  intake: { minAgeYears: number; maxAgeYears: number };
  /**
   * How many days before it is recorded a time may be dated (`BACKDATE_WINDOW_DAYS`, default 7); null
   * (`unlimited`, refused in production) for loading history and for test fixtures at fixed dates.
   */
  backdateWindowDays: number | null;
  suppressionPolicy: 'nhs-secondary-care' | 'under-5' | 'none';
  /** The smallest groups whose median and 92nd percentile commissioners see (`DISCLOSURE_MEDIAN_MIN_N`, `DISCLOSURE_P92_MIN_N`). */
  disclosure: { medianMinN: number; p92MinN: number };
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
  /** Checkpoints of the tamper-evident event log: signing key, how often, where they are written. */
  audit: AuditConfig;
  /**
   * When set, /metrics, /health/integration and the OpenAPI docs answer only `Authorization: Bearer
   * <OPS_TOKEN>` (a scraper's or an operator's), instead of anyone who can reach the port.
   */
  opsToken?: string;
  /** How long SIGTERM waits for in-flight requests to finish before their connections are closed. */
  shutdownGraceMs: number;
};

/** The data key master: well-formed when set, required and random-looking in production. */
function dataKeyMaster(env: Env, nodeEnv: NodeEnv): string | undefined {
  const master = env.DATA_KEY_MASTER || undefined;
  const bytes = master === undefined ? undefined : Buffer.from(master, 'base64');
  if (bytes !== undefined && bytes.length !== 32) {
    throw new ConfigError(
      'DATA_KEY_MASTER',
      'must be base64 of exactly 32 random bytes (e.g. `openssl rand -base64 32`)',
    );
  }
  if (nodeEnv !== 'production') return master;
  if (!bytes)
    throw new ConfigError(
      'DATA_KEY_MASTER',
      'is required when NODE_ENV=production (base64 of 32 random bytes)',
    );
  if (lowEntropy(bytes))
    throw new ConfigError(
      'DATA_KEY_MASTER',
      'is not random (repeated bytes or too few distinct ones); use `openssl rand -base64 32`',
    );
  return master;
}

function backdateWindowDays(env: Env, nodeEnv: NodeEnv): number | null {
  if (env.BACKDATE_WINDOW_DAYS?.trim() !== 'unlimited')
    return integer(env, 'BACKDATE_WINDOW_DAYS', 7, 0, 3650);
  if (nodeEnv === 'production')
    throw new ConfigError('BACKDATE_WINDOW_DAYS', 'may not be unlimited when NODE_ENV=production');
  return null;
}

function opsToken(env: Env): Pick<AppConfig, 'opsToken'> {
  const token = env.OPS_TOKEN || undefined;
  if (token === undefined) return {};
  if (!/^[\x21-\x7e]{32,200}$/.test(token))
    throw new ConfigError(
      'OPS_TOKEN',
      'must be 32 to 200 visible ASCII characters (e.g. `openssl rand -hex 32`)',
    );
  return { opsToken: token };
}

/** Reads and validates configuration from the environment (the only place that reads `process.env`). */
export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const auth = authConfig(env, nodeEnv === 'production');
  const minAgeYears = integer(env, 'REFERRAL_MIN_AGE', 5, 0, 25);
  const maxAgeYears = integer(env, 'REFERRAL_MAX_AGE', 19, 0, 25);
  if (minAgeYears > maxAgeYears)
    throw new ConfigError('REFERRAL_MIN_AGE', `must not exceed REFERRAL_MAX_AGE (${maxAgeYears})`);
  const dataDir = resolve(env.DATA_DIR || './data');
  return {
    nodeEnv,
    host: env.HOST || '127.0.0.1',
    port: integer(env, 'PORT', 3000, 0, 65535),
    dataDir,
    audit: auditConfig(env, dataDir, nodeEnv === 'production'),
    authJwtSecret: auth.jwtSecret,
    auth,
    logLevel: oneOf(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      nodeEnv === 'test' ? 'silent' : 'info',
    ),
    logFormat: oneOf(env, 'LOG_FORMAT', ['auto', 'json', 'pretty'] as const, 'auto'),
    directory: {
      readToken: env.DIRECTORY_READ_TOKEN || undefined,
      seed:
        oneOf(
          env,
          'DIRECTORY_SEED',
          ['true', 'false'] as const,
          nodeEnv === 'production' ? 'false' : 'true',
        ) === 'true',
      freshnessMonths: integer(env, 'DIRECTORY_FRESHNESS_MONTHS', 6, 1, 120),
      matchDistanceMetres: integer(env, 'DIRECTORY_MATCH_DISTANCE_M', 8000, 100, 100_000),
    },
    dashboard: dashboardConfig(env, nodeEnv === 'production'),
    intake: { minAgeYears, maxAgeYears },
    backdateWindowDays: backdateWindowDays(env, nodeEnv),
    runProjections: oneOf(env, 'RUN_PROJECTIONS', ['true', 'false'] as const, 'true') === 'true',
    dataKeyMaster: dataKeyMaster(env, nodeEnv),
    suppressionPolicy: oneOf(
      env,
      'SUPPRESSION_POLICY',
      ['nhs-secondary-care', 'under-5', 'none'] as const,
      'nhs-secondary-care',
    ),
    disclosure: {
      medianMinN: integer(env, 'DISCLOSURE_MEDIAN_MIN_N', 8, 1, 1_000),
      p92MinN: integer(env, 'DISCLOSURE_P92_MIN_N', 25, 13, 1_000),
    },
    kafka: kafkaConfig(env),
    runIntegration: oneOf(env, 'RUN_INTEGRATION', ['true', 'false'] as const, 'true') === 'true',
    rateLimit: {
      writesPerMinute: integer(env, 'RATE_LIMIT_WRITES_PER_MINUTE', 1200, 0, 10_000_000),
      burst: integer(env, 'RATE_LIMIT_WRITE_BURST', 600, 1, 10_000_000),
      readsPerMinute: integer(env, 'RATE_LIMIT_READS_PER_MINUTE', 6000, 0, 10_000_000),
      readBurst: integer(env, 'RATE_LIMIT_READ_BURST', 1000, 1, 10_000_000),
    },
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    ...opsToken(env),
    ...storesConfig(env),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
