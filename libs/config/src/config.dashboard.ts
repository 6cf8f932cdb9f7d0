import { ConfigError, Env, integer, oneOf } from './config.values';

/** Signing in to the dashboard through the organisation's identity provider (authorisation code with PKCE). */
export type DashboardOidcConfig = {
  clientId: string;
  /** A confidential client's secret; a public client (PKCE only) has none. */
  clientSecret?: string;
  authorizationUrl: string;
  tokenUrl: string;
  /** This service's callback, registered with the provider: it ends with /dashboard/oidc/callback. */
  redirectUrl: string;
  scope: string;
};

export type DashboardConfig = {
  /** Pick-a-role sign-in for the embedded default; refused with NODE_ENV=production. */
  devSignIn: boolean;
  /** How long a development sign-in lasts (minutes). */
  sessionMinutes: number;
  oidc?: DashboardOidcConfig;
};

const local = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/** An https URL, or http to this machine only (a local test provider or a developer's laptop). */
function endpoint(env: Env, name: string): string {
  const raw = env[name]?.trim();
  if (!raw) throw new ConfigError(name, 'is required with AUTH_CLIENT_ID');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local(url)))
    throw new ConfigError(name, 'must use https (http only on this machine)');
  return url.toString();
}

function oidcSignIn(env: Env): DashboardOidcConfig | undefined {
  const clientId = env.AUTH_CLIENT_ID?.trim();
  if (!clientId) return undefined;
  if (!env.AUTH_JWKS_URL?.trim())
    throw new ConfigError(
      'AUTH_CLIENT_ID',
      "needs AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE: the API verifies the provider's tokens with them",
    );
  const redirectUrl = endpoint(env, 'AUTH_REDIRECT_URL');
  if (!new URL(redirectUrl).pathname.endsWith('/dashboard/oidc/callback'))
    throw new ConfigError('AUTH_REDIRECT_URL', 'must end with /dashboard/oidc/callback');
  return {
    clientId,
    ...(env.AUTH_CLIENT_SECRET ? { clientSecret: env.AUTH_CLIENT_SECRET } : {}),
    authorizationUrl: endpoint(env, 'AUTH_AUTHORIZATION_URL'),
    tokenUrl: endpoint(env, 'AUTH_TOKEN_URL'),
    redirectUrl,
    scope: env.AUTH_SCOPE?.trim() || 'openid',
  };
}

export function dashboardConfig(env: Env, production: boolean): DashboardConfig {
  const devSignIn =
    oneOf(env, 'DASHBOARD_DEV_SIGN_IN', ['true', 'false'] as const, production ? 'false' : 'true') === 'true';
  if (devSignIn && production)
    throw new ConfigError('DASHBOARD_DEV_SIGN_IN', 'may not be true when NODE_ENV=production');
  const oidc = oidcSignIn(env);
  return {
    devSignIn,
    sessionMinutes: integer(env, 'DASHBOARD_SESSION_MINUTES', 60, 1, 720),
    ...(oidc ? { oidc } : {}),
  };
}
