import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import jwt from 'jsonwebtoken';
import { createHash, createSecretKey, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG } from '@app/config';
import type { AppConfig } from '@app/config';
import { LruCache } from '@app/privacy';
import { Problem, Problems } from '@app/application';
import type { Actor, Role } from '@app/application';
import { OPERATIONAL_KEY, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { TokenVerifier } from './token-verifier';
import { sessionToken } from '../dashboard/session-cookie';

export const JWT_SECRET = Symbol('JWT_SECRET');

export type AuthenticatedRequest = FastifyRequest & { actor?: Actor; authProblem?: Problem };

/** How a request hook (request-pipeline.ts) passes on: with nothing, or with the error to answer. */
export type Next = (error?: Error) => void;

/**
 * Identifies the caller as the request arrives (an onRequest hook), so the rate limit and idempotency
 * are scoped to them; the guard decides whether that is enough.
 */
@Injectable()
export class AuthenticationMiddleware {
  // Callers send the same token with every request: a token verified once is trusted until it expires
  // (and for a minute at most), so each request pays a map lookup instead of parsing and a signature check.
  private readonly verified = new LruCache<string, Actor>(10_000);

  constructor(private readonly verifier: TokenVerifier) {}

  use(req: AuthenticatedRequest, next: Next): void {
    // No credentials: nothing to verify, and the guard says so only if the route needs them (a problem
    // built here for every health probe and metrics scrape would cost a captured stack trace each).
    const header = req.headers.authorization ?? dashboardSession(req);
    if (header === undefined) return next();
    const known = this.verified.get(header);
    if (known) {
      req.actor = known;
      return next();
    }
    try {
      const verified = this.verifier.verify(header);
      if (!(verified instanceof Promise)) return this.identified(req, header, verified, next);
      verified.then(
        (v) => this.identified(req, header, v, next),
        (e: unknown) => this.refused(req, e, next),
      );
    } catch (e) {
      this.refused(req, e, next);
    }
  }

  private identified(
    req: AuthenticatedRequest,
    header: string,
    { actor, expiresAt }: { actor: Actor; expiresAt: number },
    next: Next,
  ): void {
    const ttlMs = Math.min(expiresAt - Date.now(), 60_000);
    if (ttlMs > 0) this.verified.set(header, actor, ttlMs);
    req.actor = actor;
    next();
  }

  private refused(req: AuthenticatedRequest, e: unknown, next: Next): void {
    if (!(e instanceof Problem)) return next(e as Error);
    req.authProblem = e;
    next();
  }
}

/** The dashboard's session cookie as a bearer token, for the reads it may make (see session-cookie.ts). */
function dashboardSession(req: FastifyRequest): string | undefined {
  const token = sessionToken(req);
  return token === undefined ? undefined : `Bearer ${token}`;
}

/** Every route needs a verified caller unless marked @Public(), and one of the route's @Roles(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  // A route's rule is read from its decorators once, not on every request.
  private readonly rules = new WeakMap<object, { controller: object; rule: RouteRule }>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const { operational, isPublic, allowed } = this.ruleOf(context.getHandler(), context.getClass());
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (operational) {
      if (!opsTokenAccepted(this.config.opsToken, req.headers.authorization))
        throw Problems.unauthorized('Send Authorization: Bearer <OPS_TOKEN>');
      return true;
    }
    if (isPublic) return true;
    if (!req.actor) throw req.authProblem ?? Problems.unauthorized('Send Authorization: Bearer <token>');
    if (allowed && !req.actor.roles.some((r) => allowed.includes(r))) {
      throw Problems.forbidden(`This needs one of the roles: ${allowed.join(', ')}`);
    }
    return true;
  }

  private ruleOf(handler: object, controller: object): RouteRule {
    const known = this.rules.get(handler);
    if (known?.controller === controller) return known.rule;
    const targets = [handler as () => void, controller as new () => object];
    const rule: RouteRule = {
      operational: this.reflector.getAllAndOverride<boolean>(OPERATIONAL_KEY, targets) === true,
      isPublic: this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true,
      allowed: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
    };
    this.rules.set(handler, { controller, rule });
    return rule;
  }
}

/** Who may call a route: operators only (OPS_TOKEN), anyone, or a verified caller with one of `allowed` (any role if undefined). */
type RouteRule = { operational: boolean; isPublic: boolean; allowed: Role[] | undefined };

/** Claims beyond sub and roles: the partner an integration client acts for, its ODS code, its teams. */
export type TokenClaims = { partner?: string; org?: string; team?: string; teams?: string[] };

/** Signs a token for local use and tests. */
export function signToken(
  secret: string,
  sub: string,
  roles: Role[],
  expiresInSeconds = 3600,
  claims: TokenClaims = {},
): string {
  return jwt.sign({ sub, roles, ...claims }, createSecretKey(Buffer.from(secret, 'utf8')), {
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
