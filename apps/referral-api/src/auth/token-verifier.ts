import jwt from 'jsonwebtoken';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import type { JWTVerifyGetKey } from 'jose';
import { KeyObject, createSecretKey } from 'node:crypto';
import type { AuthConfig } from '@app/config';
import { Problems, ROLES } from '@app/application';
import { ConfigError } from '@app/config';
import type { Actor } from '@app/application';
import { actorFromClaims, rolesOf } from './token-claims';
import type { VerifiedClaims } from './token-claims';

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

/** The `alg` of a compact JWT's header, without trusting anything else in it. */
function algorithmOf(token: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as unknown;
    return typeof header === 'object' && header !== null
      ? String((header as { alg?: unknown }).alg)
      : undefined;
  } catch {
    return undefined;
  }
}

const invalid = (expired: boolean) =>
  Problems.unauthorized(expired ? 'The token has expired' : 'The token is not valid');

/** Why an HS256 token failed, in words a newcomer can act on (never echoing the token). */
function hs256Problem(e: unknown) {
  if (e instanceof jwt.TokenExpiredError) return invalid(true);
  if (e instanceof jwt.JsonWebTokenError && e.message === 'invalid signature')
    return Problems.unauthorized(
      "The token's signature does not verify: it was signed with another secret. Mint it with the server's " +
        'AUTH_JWT_SECRET or DATA_DIR (`npm run token` reads the same settings as `npm start`).',
    );
  if (e instanceof jwt.JsonWebTokenError && e.message === 'jwt malformed')
    return Problems.unauthorized('The token is malformed: send the three dot-separated parts of a JWT');
  return invalid(false);
}

/**
 * Verifies bearer tokens: HS256 with the service's secret (the embedded default, service accounts),
 * and RS256/ES256 from the identity provider whose JWKS is configured (keys cached; an unknown key
 * id fetches the set again, so rotated keys are picked up). Either way the token needs `exp`, lives
 * no longer than the configured maximum, and names roles the service knows.
 */
export class TokenVerifier {
  private readonly secret?: KeyObject;
  private readonly jwks?: JWTVerifyGetKey;

  constructor(
    secret: string | null | undefined,
    private readonly auth: AuthConfig,
  ) {
    // A KeyObject: given a string, jsonwebtoken first tries (and fails) to parse it as a PEM key on every
    // request, which costs ten times the HMAC itself.
    if (secret) this.secret = createSecretKey(Buffer.from(secret, 'utf8'));
    const unknownRole = Object.values(auth.oidc?.roleMap ?? {}).find(
      (r) => !(ROLES as readonly string[]).includes(r),
    );
    if (unknownRole !== undefined)
      throw new ConfigError(
        'AUTH_ROLE_MAP',
        `maps to ${unknownRole}, which is not one of ${ROLES.join(', ')}`,
      );
    if (auth.oidc)
      this.jwks = createRemoteJWKSet(new URL(auth.oidc.jwksUrl), {
        cacheMaxAge: auth.oidc.jwksCacheSeconds * 1000,
        cooldownDuration: auth.oidc.jwksCooldownSeconds * 1000,
        timeoutDuration: 5_000,
      });
  }

  /** The caller and when their token expires (ms since the epoch); 401 when the token does not verify. */
  verify(
    header: string | undefined,
  ): { actor: Actor; expiresAt: number } | Promise<{ actor: Actor; expiresAt: number }> {
    const token = BEARER.exec(header ?? '')?.[1];
    if (!token) throw Problems.unauthorized('Send Authorization: Bearer <token>');
    const alg = algorithmOf(token);
    if (alg === 'HS256' && this.secret) return this.hs256(token);
    if ((alg === 'RS256' || alg === 'ES256') && this.jwks) return this.fromProvider(token);
    throw Problems.unauthorized(
      `The token is signed with ${alg && /^[A-Za-z0-9]{1,10}$/.test(alg) ? alg : 'an unknown algorithm'}, which this service does not accept here: ` +
        (this.jwks
          ? 'HS256 with its secret, or RS256/ES256 from the identity provider'
          : 'HS256 with its secret'),
    );
  }

  private hs256(token: string): { actor: Actor; expiresAt: number } {
    let claims: VerifiedClaims;
    try {
      const decoded = jwt.verify(token, this.secret!, { algorithms: ['HS256'] });
      if (typeof decoded === 'string') throw new Error('not an object');
      claims = decoded;
    } catch (e) {
      throw hs256Problem(e);
    }
    return this.accepted(claims, rolesOf(claims.roles));
  }

  private async fromProvider(token: string): Promise<{ actor: Actor; expiresAt: number }> {
    const oidc = this.auth.oidc!;
    let claims: VerifiedClaims;
    try {
      ({ payload: claims } = await jwtVerify(token, this.jwks!, {
        algorithms: ['RS256', 'ES256'],
        issuer: oidc.issuer,
        audience: oidc.audience,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (e) {
      // The provider's key set could not be fetched: the token may be fine, so not a 401.
      if (e instanceof joseErrors.JWKSTimeout || (e instanceof TypeError && /fetch/i.test(e.message)))
        throw Problems.unavailable(
          "The identity provider's signing keys could not be fetched; retry shortly",
        );
      throw invalid(e instanceof joseErrors.JWTExpired);
    }
    return this.accepted(claims, rolesOf(claims[oidc.rolesClaim], oidc.roleMap));
  }

  private accepted(claims: VerifiedClaims, roles: ReturnType<typeof rolesOf>) {
    const actor = actorFromClaims(claims, roles, this.auth);
    return { actor, expiresAt: (claims.exp as number) * 1000 };
  }
}
