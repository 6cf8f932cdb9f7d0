import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@app/config';

const SECRET_FILE = 'jwt-secret';

/**
 * The configured secret, or outside production one generated once into the data folder
 * (readable by the owner only) so a new user can run the app and mint tokens with `npm run token`.
 */
/** Where the secret comes from: the environment, the data folder's file, or a file not yet made. */
export function jwtSecretSource(
  config: AppConfig,
): { kind: 'environment' } | { kind: 'file' | 'new_file'; file: string } {
  if (config.authJwtSecret) return { kind: 'environment' };
  const file = join(config.dataDir, SECRET_FILE);
  return { kind: existsSync(file) ? 'file' : 'new_file', file };
}

export function resolveJwtSecret(config: AppConfig): string;
export function resolveJwtSecret(config: AppConfig, optional: 'optional'): string | undefined;
export function resolveJwtSecret(config: AppConfig, optional?: 'optional'): string | undefined {
  if (config.authJwtSecret) return config.authJwtSecret;
  // In production with an identity provider, HS256 tokens are simply not accepted.
  if (config.nodeEnv === 'production' && optional && config.auth.oidc) return undefined;
  if (config.nodeEnv === 'production') throw new Error('AUTH_JWT_SECRET is required in production');
  const file = join(config.dataDir, SECRET_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}
