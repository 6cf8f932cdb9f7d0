import type { FastifyReply, FastifyRequest } from 'fastify';
import { pathOf } from '../operations/route-template';

/** The dashboard's session: the caller's bearer token, in an HTTP-only cookie the page's scripts cannot read. */
export const SESSION_COOKIE = 'cyp_dashboard';
/** The state, nonce and PKCE verifier of one sign-in at the identity provider, until it comes back. */
export const SIGN_IN_COOKIE = 'cyp_dashboard_sign_in';

/**
 * What the session cookie may authenticate: reads the dashboard makes, and nothing else. Every write
 * still needs an Authorization header, so a page elsewhere cannot make the browser act on a user's
 * behalf (and SameSite=Strict keeps the cookie off other sites' requests in the first place).
 */
const SESSION_READS = [
  /^\/v1\/reports\/[a-z-]+$/,
  /^\/v1\/caseloads$/,
  /^\/v1\/referrals\/queue$/,
  /^\/dashboard\/session$/,
];

/** The cookie's value when the request is one the session may make; undefined otherwise. */
export function sessionToken(req: FastifyRequest): string | undefined {
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  const cookies = req.headers.cookie;
  if (!cookies?.includes(SESSION_COOKIE)) return undefined;
  const path = pathOf(req.url);
  if (!SESSION_READS.some((p) => p.test(path))) return undefined;
  return cookieValue(cookies, SESSION_COOKIE);
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

type CookieOptions = { maxAgeSeconds: number; sameSite: 'Strict' | 'Lax'; path: string };

/** Secure whenever the request came over TLS (directly or through the proxy) or in production. */
const secure = (req: FastifyRequest, production: boolean) => production || req.protocol === 'https';

export function setCookie(
  req: FastifyRequest,
  res: FastifyReply,
  production: boolean,
  name: string,
  value: string,
  { maxAgeSeconds, sameSite, path }: CookieOptions,
): void {
  const attributes = [
    `${name}=${value}`,
    `Path=${path}`,
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
    'HttpOnly',
    `SameSite=${sameSite}`,
    ...(secure(req, production) ? ['Secure'] : []),
  ];
  // Fastify keeps every set-cookie given, one header line each.
  res.header('set-cookie', attributes.join('; '));
}

export function clearCookie(
  req: FastifyRequest,
  res: FastifyReply,
  production: boolean,
  name: string,
  path = '/',
): void {
  setCookie(req, res, production, name, '', { maxAgeSeconds: 0, sameSite: 'Strict', path });
}
