import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Logger } from 'pino';
import { AuthenticationMiddleware, opsTokenAccepted } from '../auth/jwt-auth.guard';
import { IdempotencyMiddleware } from '../idempotency/idempotency.middleware';
import { GracefulShutdown } from '../operations/graceful-shutdown';
import { Metrics } from '../operations/metrics';
import { RateLimitMiddleware } from '../operations/rate-limit/rate-limit.middleware';
import { requestLifecycle } from '../operations/request-lifecycle';
import { securityHeadersOf } from '../operations/security-headers';
import { versionEtag } from './etag';
import { acceptJsonBodies } from './json-body';
import { problemType } from './problem-types';
import { Problems } from '@app/application';

/**
 * Every request's path through the API before and after its controller, as Fastify hooks on the
 * root instance (so they cover every route, the docs and 404s), in this order:
 *
 * 1. onRequest: security headers, correlation id, metrics, log and shutdown tracking; the docs behind
 *    OPS_TOKEN; the caller identified from the token (or dashboard cookie); the rate limit.
 * 2. the body, parsed as JSON only after all of that (json-body.ts);
 * 3. preHandler: Idempotency-Key reserved or its first answer replayed;
 * 4. the route: guards (roles), validation pipe, controller; errors to the problem filter;
 * 5. preSerialization: the ETag from the answer's version, then the answer recorded for its key.
 */
export function installRequestPipeline(app: NestFastifyApplication, logger: Logger, opsToken?: string): void {
  const fastify = app.getHttpAdapter().getInstance();
  const auth = app.get(AuthenticationMiddleware);
  const rateLimit = app.get(RateLimitMiddleware);
  const idempotency = app.get(IdempotencyMiddleware);
  const routes: ServedRoute[] = [];
  served.set(app, routes);
  fastify.addHook('onRoute', ({ method, url }) => {
    for (const m of [method].flat()) if (m !== 'HEAD') routes.push({ method: m, url });
  });
  fastify.decorateRequest('actor', undefined);
  fastify.decorateRequest('authProblem', undefined);
  fastify.decorateRequest('idempotency', undefined);
  fastify.addHook('onRequest', requestLifecycle(logger, app.get(Metrics), app.get(GracefulShutdown)));
  fastify.addHook('onRequest', docsBehindOpsToken(opsToken));
  fastify.addHook('onRequest', (req, _reply, done) => auth.use(req, done));
  fastify.addHook('onRequest', (req, reply, done) => rateLimit.use(req, reply, done));
  acceptJsonBodies(fastify);
  fastify.addHook('preHandler', (req, reply, done) => idempotency.use(req, reply, done));
  fastify.addHook('preSerialization', versionEtag);
  fastify.addHook('preSerialization', idempotency.capture);
}

export type ServedRoute = { method: string; url: string };
const served = new WeakMap<NestFastifyApplication, ServedRoute[]>();

/** Every route the app serves, as registered (HEAD, which Fastify adds to each GET, left out). */
export function servedRoutes(app: NestFastifyApplication): readonly ServedRoute[] {
  return served.get(app) ?? [];
}

/**
 * A URL Fastify cannot route (a percent-escape that does not decode, a path segment over 500
 * characters): answered before any hook runs, so its headers are set here, as problem+json like every
 * other 400.
 */
export function badUrl(error: Error, req: FastifyRequest, reply: FastifyReply): void {
  const detail =
    (error as { code?: string }).code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'A part of the URL path is longer than 500 characters'
      : 'The URL is not valid: a percent-escape in it does not decode';
  void reply
    .headers(securityHeadersOf(req.url))
    .header('x-correlation-id', req.id)
    .status(400)
    .type('application/problem+json')
    .send({
      type: problemType(undefined, 400),
      title: 'Bad request',
      status: 400,
      detail,
      correlationId: req.id,
    });
}

/**
 * The docs map every route and parameter: behind OPS_TOKEN when it is set, like /metrics. Decided by
 * the route the router matched, so no spelling of the URL (case, escapes) reaches the docs without it.
 * A refusal goes to the problem filter like any other.
 */
function docsBehindOpsToken(opsToken: string | undefined) {
  return (req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const route = req.routeOptions.url;
    if (route?.startsWith('/docs') && !opsTokenAccepted(opsToken, req.headers.authorization))
      return done(Problems.unauthorized('Send Authorization: Bearer <OPS_TOKEN>'));
    done();
  };
}
