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
};

/** A setting is missing or malformed; the message names it. */
export class ConfigError extends Error {
  constructor(readonly setting: string, problem: string) {
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
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
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
  if (nodeEnv === 'production' && !authJwtSecret) {
    throw new ConfigError('AUTH_JWT_SECRET', 'is required when NODE_ENV=production (set it to a random secret of 32+ characters)');
  }
  const minAgeYears = integer(env, 'REFERRAL_MIN_AGE', 5, 0, 25);
  const maxAgeYears = integer(env, 'REFERRAL_MAX_AGE', 19, 0, 25);
  if (minAgeYears > maxAgeYears) throw new ConfigError('REFERRAL_MIN_AGE', `must not exceed REFERRAL_MAX_AGE (${maxAgeYears})`);
  return {
    nodeEnv,
    host: env.HOST || '127.0.0.1',
    port: integer(env, 'PORT', 3000, 0, 65535),
    dataDir: resolve(env.DATA_DIR || './data'),
    authJwtSecret,
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, nodeEnv === 'test' ? 'silent' : 'info'),
    intake: { minAgeYears, maxAgeYears },
    runProjections: oneOf(env, 'RUN_PROJECTIONS', ['true', 'false'] as const, 'true') === 'true',
    suppressionPolicy: oneOf(env, 'SUPPRESSION_POLICY', ['nhs-secondary-care', 'under-5', 'none'] as const, 'nhs-secondary-care'),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
