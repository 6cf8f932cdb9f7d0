import { ConfigError, integer } from './config.values';
import type { Env } from './config.values';
import { partnersConfig } from './config.partners';
import type { IntegrationPartner } from './config.partners';

/** An identity provider's signing keys (NHS CIS2, Entra ID...): RS256/ES256 tokens verified against its JWKS. */
export type OidcConfig = {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** The claim holding the caller's roles (a string or a list of strings). */
  rolesClaim: string;
  /** Provider role value -> service role; empty: the claim holds service role names. */
  roleMap: Readonly<Record<string, string>>;
  /** How long fetched keys are trusted before the set is fetched again. */
  jwksCacheSeconds: number;
  /** After a fetch, how long an unknown key id waits before the set is fetched again (rotation). */
  jwksCooldownSeconds: number;
};

export type AuthConfig = {
  /** HS256 shared secret: the embedded default, service accounts and tests. */
  jwtSecret?: string;
  oidc?: OidcConfig;
  /** The longest a token may live (exp - iat, or exp - now without iat). */
  maxTokenLifetimeSeconds: number;
  /** Systems that integrate with the service, keyed by the `partner` claim of their tokens. */
  partners: readonly IntegrationPartner[];
  /** The team of a token without a `team` or `teams` claim. */
  defaultTeam: string;
  /** PCN code -> receiving team; a referral from any other PCN goes to the default team. */
  teamByPcn: Readonly<Record<string, string>>;
};

/**
 * Whether a secret looks chosen by a person or a placeholder rather than drawn at random: one
 * character repeated, a short pattern repeated, or too few distinct characters for its length.
 */
export function lowEntropy(bytes: Uint8Array): boolean {
  const distinct = new Set(bytes).size;
  if (distinct < Math.min(10, Math.ceil(bytes.length / 4))) return true;
  for (let period = 1; period <= 16 && period < bytes.length; period++) {
    if (bytes.every((b, i) => b === bytes[i % period])) return true;
  }
  return false;
}

/** `a=b,c=d` into a map; both sides non-empty. */
function pairs(env: Env, name: string, valid: (value: string) => boolean): Record<string, string> {
  const raw = env[name]?.trim();
  if (!raw) return {};
  const map: Record<string, string> = {};
  for (const item of raw.split(',')) {
    const [key, value, extra] = item.split('=').map((s) => s.trim());
    if (!key || !value || extra !== undefined || !valid(value))
      throw new ConfigError(name, `must be a comma-separated list of name=value, got "${item}"`);
    map[key] = value;
  }
  return map;
}

/** The JWKS URL: https, or http to this machine only (a local test provider). */
function jwksUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('AUTH_JWKS_URL', 'must be a URL');
  }
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))
    throw new ConfigError('AUTH_JWKS_URL', 'must use https (http only on this machine)');
  return url;
}

function oidcConfig(env: Env): OidcConfig | undefined {
  const raw = env.AUTH_JWKS_URL?.trim();
  if (!raw) return undefined;
  const url = jwksUrl(raw);
  const issuer = env.AUTH_ISSUER?.trim();
  const audience = env.AUTH_AUDIENCE?.trim();
  if (!issuer) throw new ConfigError('AUTH_ISSUER', 'is required with AUTH_JWKS_URL');
  if (!audience) throw new ConfigError('AUTH_AUDIENCE', 'is required with AUTH_JWKS_URL');
  return {
    jwksUrl: url.toString(),
    issuer,
    audience,
    rolesClaim: env.AUTH_ROLES_CLAIM?.trim() || 'roles',
    // The service's roles are checked where tokens are verified (the API's auth module).
    roleMap: pairs(env, 'AUTH_ROLE_MAP', (v) => /^[a-z_]+$/.test(v)),
    jwksCacheSeconds: integer(env, 'AUTH_JWKS_CACHE_SECONDS', 600, 0, 86_400),
    jwksCooldownSeconds: integer(env, 'AUTH_JWKS_COOLDOWN_SECONDS', 30, 0, 3_600),
  };
}

function jwtSecret(env: Env, production: boolean, oidc: boolean): string | undefined {
  const secret = env.AUTH_JWT_SECRET || undefined;
  if (secret !== undefined && secret.length < 32)
    throw new ConfigError('AUTH_JWT_SECRET', 'must be at least 32 characters');
  if (production && secret === undefined && !oidc)
    throw new ConfigError(
      'AUTH_JWT_SECRET',
      'is required when NODE_ENV=production without AUTH_JWKS_URL (set it to a random secret of 32+ characters)',
    );
  if (production && secret !== undefined && lowEntropy(Buffer.from(secret, 'utf8')))
    throw new ConfigError(
      'AUTH_JWT_SECRET',
      'looks like a placeholder (repeated or too few distinct characters); use `openssl rand -base64 48`',
    );
  return secret;
}

const TEAM = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function authConfig(env: Env, production: boolean): AuthConfig {
  const oidc = oidcConfig(env);
  const defaultTeam = env.DEFAULT_TEAM?.trim() || 'default';
  if (!TEAM.test(defaultTeam)) throw new ConfigError('DEFAULT_TEAM', 'must be 1-64 letters, digits or . _ -');
  const secret = jwtSecret(env, production, oidc !== undefined);
  return {
    ...(secret !== undefined ? { jwtSecret: secret } : {}),
    ...(oidc ? { oidc } : {}),
    maxTokenLifetimeSeconds: integer(env, 'AUTH_MAX_TOKEN_LIFETIME_SECONDS', 43_200, 60, 604_800),
    partners: partnersConfig(env),
    defaultTeam,
    teamByPcn: pairs(env, 'TEAM_BY_PCN', (v) => TEAM.test(v)),
  };
}
