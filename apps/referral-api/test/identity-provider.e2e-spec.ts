import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { JWK, KeyLike } from 'jose';
import { Api, bearer, startApi } from './support/api-harness';

type SigningKey = { kid: string; alg: 'RS256' | 'ES256'; privateKey: KeyLike; jwk: JWK };

async function signingKey(kid: string, alg: 'RS256' | 'ES256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

const ISSUER = 'https://login.example.nhs.uk/realms/test';
const AUDIENCE = 'cyp-social-prescribing';

/**
 * Security review, finding 5: staff sign in through an OIDC provider (NHS CIS2, Entra ID). A local
 * JWKS endpoint stands in for the provider, rotating its keys during the test; the API verifies
 * RS256 and ES256 tokens against it, with issuer, audience, expiry, a maximum lifetime and role mapping.
 */
describe('Tokens from an identity provider (JWKS)', () => {
  let api: Api;
  let server: Server;
  let published: SigningKey[] = [];
  let fetches = 0;
  let first: SigningKey;

  beforeAll(async () => {
    first = await signingKey('key-2026-11', 'RS256');
    published = [first];
    server = createServer((req, res) => {
      fetches += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: published.map((k) => k.jwk) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    api = await startApi({
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      AUTH_ROLES_CLAIM: 'groups',
      AUTH_ROLE_MAP: 'CYP-Manager=service_manager,CYP-LinkWorker=link_worker',
      AUTH_JWKS_COOLDOWN_SECONDS: '0',
    });
  });
  afterAll(async () => {
    await api.close();
    await new Promise((resolve) => server.close(resolve));
  });

  type Claims = Record<string, unknown>;
  async function token(
    key: SigningKey,
    claims: Claims = {},
    options: { lifetime?: number; expired?: boolean } = {},
  ) {
    const now = Math.floor(Date.now() / 1000);
    const issuedAt = options.expired ? now - 7200 : now;
    const payload: Claims = {
      sub: 'staff-0001',
      iss: ISSUER,
      aud: AUDIENCE,
      iat: issuedAt,
      groups: ['CYP-Manager'],
      ...(options.lifetime === 0 ? {} : { exp: issuedAt + (options.lifetime ?? 3600) }),
      ...claims,
    };
    const jwt = new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid: key.kid });
    return jwt.sign(key.privateKey);
  }
  const report = (jwt: string) =>
    api.http().get('/v1/reports/waiting-times?measure=acceptance').set(bearer(jwt));

  it('accepts a valid RS256 token and maps the provider role to the service role', async () => {
    await report(await token(first)).expect(200);
    const lw = await report(await token(first, { groups: ['CYP-LinkWorker'] }));
    expect(lw.status).toBe(403);
  });

  it('refuses a wrong issuer, a wrong audience, no expiry, an expired token, a token living past 12 hours and unmapped roles', async () => {
    const cases: [string, Promise<string>, RegExp][] = [
      ['issuer', token(first, { iss: 'https://evil.example' }), /not valid/],
      ['audience', token(first, { aud: 'another-service' }), /not valid/],
      ['no exp', token(first, {}, { lifetime: 0 }), /not valid|exp/],
      ['expired', token(first, {}, { expired: true, lifetime: 3600 }), /expired/],
      ['lifetime', token(first, {}, { lifetime: 13 * 3600 }), /12-hour maximum/],
      ['roles', token(first, { groups: ['Finance'] }), /AUTH_ROLE_MAP/],
    ];
    for (const [name, jwt, detail] of cases) {
      const res = await report(await jwt);
      expect({ name, status: res.status }).toEqual({ name, status: 401 });
      expect(res.body.detail).toMatch(detail);
    }
  });

  it('refuses a token signed by a key the provider does not publish, even under a published key id', async () => {
    const impostor = await signingKey(first.kid, 'RS256');
    expect((await report(await token(impostor))).status).toBe(401);
  });

  it('picks up a rotated key (ES256) without a restart, and stops accepting the retired one', async () => {
    const next = await signingKey('key-2026-12', 'ES256');
    published = [next];
    const before = fetches;
    await report(await token(next)).expect(200);
    expect(fetches).toBeGreaterThan(before);
    expect((await report(await token(first, { jti: 'after-rotation' }))).status).toBe(401);
  });

  it('still accepts the service’s own HS256 tokens (service accounts, the embedded default)', async () => {
    await api
      .http()
      .get('/v1/reports/waiting-times?measure=acceptance')
      .set(bearer(api.token('service_manager')))
      .expect(200);
  });
});
