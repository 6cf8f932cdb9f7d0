import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { JWK, KeyLike } from 'jose';
import { Api, bearer, startApi } from './support/api-harness';

const sessionCookie = (setCookie: string[] | string | undefined): string => {
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = cookies.find((c) => c.startsWith('cyp_dashboard='));
  if (!found) throw new Error(`no session cookie in ${JSON.stringify(cookies)}`);
  return found;
};

/**
 * Issue 20, item 3: the dashboard's pages, its session cookie, and what the cookie may and may not do.
 * The pages themselves are tested in headless Chromium (dashboard.browser-spec.ts).
 */
describe('Dashboard: pages, development sign-in and the session cookie', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const signIn = async (role: string) => {
    const res = await api.http().post('/dashboard/sign-in/development').send({ role }).expect(204);
    return sessionCookie(res.headers['set-cookie']);
  };

  it('serves the pages and files under a policy that allows only its own scripts and styles', async () => {
    const page = await api.http().get('/dashboard').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self';/);
    expect(page.headers['content-security-policy']).not.toMatch(/unsafe-inline/);
    expect(page.text).toContain('<html lang="en-GB"');
    await api
      .http()
      .get('/dashboard/sign-in')
      .expect(200)
      .expect('content-type', /^text\/html/);
    await api
      .http()
      .get('/dashboard/assets/chart.umd.min.js')
      .expect(200)
      .expect('content-type', /javascript/);
    await api
      .http()
      .get('/dashboard/assets/nhsuk-frontend.min.css')
      .expect(200)
      .expect('content-type', /css/);
    for (const name of ['..%2F..%2Fpackage.json', 'index.html', 'secret.txt']) {
      const res = await api.http().get(`/dashboard/assets/${name}`).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('signs in a chosen role with an HTTP-only, same-site session cookie the report reads accept', async () => {
    expect((await api.http().get('/dashboard/sign-in/options').expect(200)).body).toEqual({
      development: true,
      oidc: false,
      roles: ['commissioner', 'service_manager'],
    });
    const cookie = await signIn('commissioner');
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Max-Age=3600/);
    const session = await api.http().get('/dashboard/session').set('Cookie', cookie).expect(200);
    expect(session.body).toMatchObject({ sub: 'dashboard-commissioner', roles: ['commissioner'] });
    expect(Date.parse(session.body.expiresAt)).toBeGreaterThan(Date.now());
    await api.http().get('/v1/reports/waiting-times?measure=help_started').set('Cookie', cookie).expect(200);
    await api.http().get('/v1/reports/equity').set('Cookie', cookie).expect(200);
    // The API's own rules still apply: a commissioner sees no caseload or triage queue.
    await api.http().get('/v1/caseloads').set('Cookie', cookie).expect(403);
    await api.http().get('/v1/referrals/queue').set('Cookie', cookie).expect(403);
  });

  it('lets the cookie make the dashboard’s reads only: no other read and no write', async () => {
    const cookie = await signIn('service_manager');
    await api.http().get('/v1/caseloads').set('Cookie', cookie).expect(200);
    await api.http().get('/v1/referrals/queue').set('Cookie', cookie).expect(200);
    const search = await api.http().get('/v1/referrals').set('Cookie', cookie);
    expect(search.status).toBe(401);
    const write = await api.http().post('/v1/referrals').set('Cookie', cookie).send({});
    expect(write.status).toBe(401);
    const audit = await api.http().get('/v1/audit/access').set('Cookie', cookie);
    expect(audit.status).toBe(401);
  });

  it('refuses an unknown role, a forged cookie and an expired one; signing out clears the cookie', async () => {
    const bad = await api.http().post('/dashboard/sign-in/development').send({ role: 'auditor' }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'role' })]);
    await api.http().get('/dashboard/session').set('Cookie', 'cyp_dashboard=not.a.token').expect(401);
    const expired = api.token('commissioner').replace(/\..*$/, '.e30.x');
    await api.http().get('/dashboard/session').set('Cookie', `cyp_dashboard=${expired}`).expect(401);
    await api.http().get('/dashboard/session').expect(401);
    const out = await api.http().post('/dashboard/sign-out').expect(204);
    expect(sessionCookie(out.headers['set-cookie'])).toMatch(/^cyp_dashboard=; .*Max-Age=0/);
  });

  it('filters waiting times by PCN, source and age band, and names a bad filter', async () => {
    const token = bearer(api.token('commissioner'));
    const ok = await api
      .http()
      .get(
        '/v1/reports/waiting-times?measure=help_started&groupBy=month&pcn=U12345&source=school&ageBand=11-15',
      )
      .set(token)
      .expect(200);
    expect(ok.body.filters).toEqual({ pcn: 'U12345', source: 'school', ageBand: '11-15' });
    for (const [param, value] of [
      ['pcn', 'not a pcn'],
      ['source', 'carrier_pigeon'],
      ['ageBand', '3-4'],
    ]) {
      const res = await api
        .http()
        .get(`/v1/reports/waiting-times?measure=help_started&${param}=${encodeURIComponent(value!)}`)
        .set(token)
        .expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: param })]);
    }
  });

  it('has no development sign-in when it is switched off', async () => {
    const off = await startApi({ DASHBOARD_DEV_SIGN_IN: 'false' });
    try {
      await off.http().post('/dashboard/sign-in/development').send({ role: 'commissioner' }).expect(404);
      expect((await off.http().get('/dashboard/sign-in/options')).body.development).toBe(false);
    } finally {
      await off.close();
    }
  });
});

type Provider = {
  server: Server;
  url: string;
  key: { privateKey: KeyLike; jwk: JWK };
  codes: Map<string, string>;
};

const ISSUER = 'https://login.example.nhs.uk/realms/test';
const AUDIENCE = 'cyp-social-prescribing';

/** A local identity provider: JWKS, an authorisation endpoint that approves at once, a token endpoint checking PKCE. */
async function startProvider(): Promise<Provider> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const key = { privateKey, jwk: { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' } };
  const codes = new Map<string, string>();
  const provider = { key, codes } as Provider;
  provider.server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', provider.url);
    if (url.pathname === '/jwks') return void res.end(JSON.stringify({ keys: [key.jwk] }));
    if (url.pathname === '/authorize') {
      const code = `code-${codes.size + 1}`;
      codes.set(code, url.searchParams.get('code_challenge') ?? '');
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      return void res.end();
    }
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => void tokenEndpoint(provider, new URLSearchParams(body), res));
  });
  await new Promise<void>((resolve) => provider.server.listen(0, '127.0.0.1', resolve));
  provider.url = `http://127.0.0.1:${(provider.server.address() as AddressInfo).port}`;
  return provider;
}

async function tokenEndpoint(
  provider: Provider,
  form: URLSearchParams,
  res: import('node:http').ServerResponse,
): Promise<void> {
  const challenge = provider.codes.get(form.get('code') ?? '');
  const verifier = form.get('code_verifier') ?? '';
  const proof = createHash('sha256').update(verifier).digest('base64url');
  if (challenge === undefined || proof !== challenge || form.get('client_id') !== 'dashboard') {
    res.writeHead(400, { 'content-type': 'application/json' });
    return void res.end(JSON.stringify({ error: 'invalid_grant' }));
  }
  provider.codes.delete(form.get('code')!);
  const now = Math.floor(Date.now() / 1000);
  const accessToken = await new SignJWT({ sub: 'staff-42', groups: ['CYP-Commissioner'] })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + 1800)
    .sign(provider.key.privateKey);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ access_token: accessToken, token_type: 'Bearer', expires_in: 1800 }));
}

describe('Dashboard: sign-in through the identity provider (authorisation code with PKCE)', () => {
  let api: Api;
  let provider: Provider;
  beforeAll(async () => {
    provider = await startProvider();
    api = await startApi({
      AUTH_JWKS_URL: `${provider.url}/jwks`,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      AUTH_ROLES_CLAIM: 'groups',
      AUTH_ROLE_MAP: 'CYP-Commissioner=commissioner',
      AUTH_CLIENT_ID: 'dashboard',
      AUTH_AUTHORIZATION_URL: `${provider.url}/authorize`,
      AUTH_TOKEN_URL: `${provider.url}/token`,
      AUTH_REDIRECT_URL: 'http://127.0.0.1:3000/dashboard/oidc/callback',
    });
  });
  afterAll(async () => {
    await api.close();
    await new Promise((resolve) => provider.server.close(resolve));
  });

  /** Follows the provider's redirect back as a browser would, carrying the sign-in cookie. */
  async function signInThroughProvider(next: string, tamper?: (state: string) => string) {
    const login = await api
      .http()
      .get(`/dashboard/oidc/login?next=${encodeURIComponent(next)}`)
      .expect(303);
    const authorize = new URL(String(login.headers.location));
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const pending = (login.headers['set-cookie'] as unknown as string[])[0]!;
    expect(pending).toMatch(/HttpOnly.*SameSite=Lax/);
    const approved = await fetch(authorize, { redirect: 'manual' });
    const back = new URL(approved.headers.get('location')!);
    const state = tamper ? tamper(back.searchParams.get('state')!) : back.searchParams.get('state')!;
    return api
      .http()
      .get(
        `/dashboard/oidc/callback?code=${back.searchParams.get('code')}&state=${encodeURIComponent(state)}`,
      )
      .set('Cookie', pending.split(';')[0]!)
      .expect(303);
  }

  it('trades the code for the provider’s token, keeps it in the session cookie and returns to the page asked for', async () => {
    expect((await api.http().get('/dashboard/sign-in/options')).body).toMatchObject({ oidc: true });
    const done = await signInThroughProvider('/dashboard?page=equity&period=2026-Q3');
    expect(done.headers.location).toBe('/dashboard?page=equity&period=2026-Q3');
    const cookie = sessionCookie(done.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
    const session = await api
      .http()
      .get('/dashboard/session')
      .set('Cookie', cookie.split(';')[0]!)
      .expect(200);
    expect(session.body).toMatchObject({ sub: 'staff-42', roles: ['commissioner'] });
  });

  it('returns to the dashboard itself when the page asked for is not a plain, percent-encoded path', async () => {
    const done = await signInThroughProvider('/dashboard?network=Café €');
    expect(done.headers.location).toBe('/dashboard');
  });

  it('sends a forged state back to sign-in, never to another site, and sets no session', async () => {
    const forged = await signInThroughProvider('/dashboard', (s) => `${s}x`);
    expect(forged.headers.location).toMatch(/^\/dashboard\/sign-in\?error=state/);
    expect(JSON.stringify(forged.headers['set-cookie'] ?? [])).not.toMatch(/cyp_dashboard=ey/);
    const offsite = await signInThroughProvider('https://evil.example/');
    expect(offsite.headers.location).toBe('/dashboard');
  });
});
