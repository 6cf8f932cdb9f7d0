import { createHash, randomBytes } from 'node:crypto';
import type { DashboardOidcConfig } from '@app/config';

/** One sign-in in flight: what the provider must send back (state) and what proves it is ours (PKCE). */
export type PendingSignIn = { state: string; verifier: string; next: string };

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/**
 * Where the dashboard may send a user after sign-in: its own pages only, never another site, and as
 * the page sends it, percent-encoded (anything else could not go in a Location header as it is).
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2000 || !/^[\x21-\x7e]+$/.test(next)) return '/dashboard';
  return /^\/dashboard(?:[/?#]|$)/.test(next) && !next.includes('\\') ? next : '/dashboard';
}

export function encodePending(p: PendingSignIn): string {
  return Buffer.from(JSON.stringify(p), 'utf8').toString('base64url');
}

export function decodePending(raw: string | undefined): PendingSignIn | undefined {
  if (!raw) return undefined;
  try {
    const p = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<PendingSignIn>;
    return typeof p.state === 'string' && typeof p.verifier === 'string'
      ? { state: p.state, verifier: p.verifier, next: safeNext(p.next) }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Starts the authorisation-code flow with PKCE (RFC 7636, S256): the provider's URL and what to remember. */
export function beginSignIn(
  oidc: DashboardOidcConfig,
  next: string,
): { url: string; pending: PendingSignIn } {
  const pending = { state: base64url(randomBytes(24)), verifier: base64url(randomBytes(32)), next };
  const url = new URL(oidc.authorizationUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', oidc.clientId);
  url.searchParams.set('redirect_uri', oidc.redirectUrl);
  url.searchParams.set('scope', oidc.scope);
  url.searchParams.set('state', pending.state);
  url.searchParams.set('code_challenge', base64url(createHash('sha256').update(pending.verifier).digest()));
  url.searchParams.set('code_challenge_method', 'S256');
  return { url: url.toString(), pending };
}

export class SignInFailed extends Error {
  constructor(readonly reason: 'provider' | 'state' | 'exchange' | 'token') {
    super(`Sign-in failed: ${reason}`);
  }
}

/** Trades the code for tokens at the provider's token endpoint; the access token is what the API verifies. */
export async function exchangeCode(
  oidc: DashboardOidcConfig,
  code: string,
  pending: PendingSignIn,
): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: oidc.redirectUrl,
    client_id: oidc.clientId,
    code_verifier: pending.verifier,
    ...(oidc.clientSecret ? { client_secret: oidc.clientSecret } : {}),
  });
  let answer: Response;
  try {
    answer = await fetch(oidc.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form,
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new SignInFailed('exchange');
  }
  if (!answer.ok) throw new SignInFailed('exchange');
  const body = (await answer.json().catch(() => ({}))) as { access_token?: unknown };
  if (typeof body.access_token !== 'string') throw new SignInFailed('exchange');
  return body.access_token;
}
