import { CanActivate, ExecutionContext, Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import { KeyObject, createHash, createSecretKey, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG } from '@app/config';
import type { AppConfig } from '@app/config';
import { LruCache } from '@app/privacy';
import { Problem, Problems } from '@app/application';
import { OPERATIONAL_KEY, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { Actor, ROLES, Role } from '@app/application';

export const JWT_SECRET = Symbol('JWT_SECRET');

export type AuthenticatedRequest = Request & { actor?: Actor; authProblem?: Problem; id?: string };

/** Verifies `Authorization: Bearer <HS256 JWT>` with claims sub, roles and exp. */
export function verifyBearer(header: string | undefined, secret: string | KeyObject): Actor {
  return verifyBearerToken(header, secret).actor;
}

/** The claims of a token whose HS256 signature and expiry hold; 401 otherwise. */
function verifiedClaims(token: string, secret: string | KeyObject): jwt.JwtPayload {
  try {
    const decoded = jwt.verify(token, secret, { algorithms: ['HS256'] });
    if (typeof decoded === 'string') throw new Error('not an object');
    return decoded;
  } catch (e) {
    throw Problems.unauthorized(
      e instanceof jwt.TokenExpiredError ? 'The token has expired' : 'The token is not valid',
    );
  }
}

/** `verifyBearer`, with the token's expiry (ms since the epoch). */
function verifyBearerToken(
  header: string | undefined,
  secret: string | KeyObject,
): { actor: Actor; expiresAt: number } {
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(header ?? '');
  if (!match?.[1]) throw Problems.unauthorized('Send Authorization: Bearer <token>');
  const claims = verifiedClaims(match[1], secret);
  const roles = claims.roles as unknown;
  if (typeof claims.sub !== 'string' || !claims.sub || typeof claims.exp !== 'number') {
    throw Problems.unauthorized('The token needs sub and exp claims');
  }
  if (
    !Array.isArray(roles) ||
    roles.length === 0 ||
    !roles.every((r) => (ROLES as readonly unknown[]).includes(r))
  ) {
    throw Problems.unauthorized(`The token's roles must be a non-empty list from: ${ROLES.join(', ')}`);
  }
  const actor: Actor = Object.freeze({
    sub: claims.sub,
    roles: Object.freeze([...new Set(roles as Role[])]) as Role[],
  });
  return { actor, expiresAt: claims.exp * 1000 };
}

/** Identifies the caller early so idempotency can be scoped to them; the guard decides whether that is enough. */
@Injectable()
export class AuthenticationMiddleware implements NestMiddleware {
  // A KeyObject: given a string, jsonwebtoken first tries (and fails) to parse it as a PEM key on every
  // request, which costs ten times the HMAC itself.
  private readonly secret: KeyObject;
  // Callers send the same token with every request: a token verified once is trusted until it expires
  // (and for a minute at most), so each request pays a map lookup instead of parsing and an HMAC.
  private readonly verified = new LruCache<string, Actor>(10_000);

  constructor(@Inject(JWT_SECRET) secret: string) {
    this.secret = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  use(req: AuthenticatedRequest, _res: Response, next: NextFunction): void {
    // No credentials: nothing to verify, and the guard says so only if the route needs them (a problem
    // built here for every health probe and metrics scrape would cost a captured stack trace each).
    if (req.headers.authorization === undefined) return next();
    try {
      req.actor = this.actorOf(req.headers.authorization);
    } catch (e) {
      req.authProblem = e as Problem;
    }
    next();
  }

  private actorOf(header: string | undefined): Actor {
    const known = header === undefined ? undefined : this.verified.get(header);
    if (known) return known;
    const { actor, expiresAt } = verifyBearerToken(header, this.secret);
    const ttlMs = Math.min(expiresAt - Date.now(), 60_000);
    if (header !== undefined && ttlMs > 0) this.verified.set(header, actor, ttlMs);
    return actor;
  }
}

/** Every route needs a verified caller unless marked @Public(), and one of the route's @Roles(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (this.reflector.getAllAndOverride<boolean>(OPERATIONAL_KEY, targets)) {
      if (!opsTokenAccepted(this.config.opsToken, req.headers.authorization))
        throw Problems.unauthorized('Send Authorization: Bearer <OPS_TOKEN>');
      return true;
    }
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (!req.actor) throw req.authProblem ?? Problems.unauthorized('Send Authorization: Bearer <token>');
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (allowed && !req.actor.roles.some((r) => allowed.includes(r))) {
      throw Problems.forbidden(`This needs one of the roles: ${allowed.join(', ')}`);
    }
    return true;
  }
}

/** Signs a token for local use and tests. */
export function signToken(secret: string, sub: string, roles: Role[], expiresInSeconds = 3600): string {
  return jwt.sign({ sub, roles }, createSecretKey(Buffer.from(secret, 'utf8')), {
    algorithm: 'HS256',
    expiresIn: expiresInSeconds,
  });
}

/** Whether an operator's route may answer: no OPS_TOKEN configured, or exactly that bearer token (compared in constant time). */
export function opsTokenAccepted(opsToken: string | undefined, header: string | undefined): boolean {
  if (opsToken === undefined) return true;
  const expected = createHash('sha256').update(`Bearer ${opsToken}`).digest();
  const given = createHash('sha256')
    .update(header ?? '')
    .digest();
  return timingSafeEqual(expected, given);
}
