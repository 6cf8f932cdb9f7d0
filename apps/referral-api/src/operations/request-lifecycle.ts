import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Metrics } from './metrics';
import { methodLabel, pathOf, routeLabel } from './route-template';
import { securityHeadersOf } from './security-headers';

/** Counts the responses still open, so a shutdown can wait for them (GracefulShutdown). */
export type InFlight = { opened(res: ServerResponse): void; closed(res: ServerResponse): void };

/**
 * The one hook every request passes first: security headers, its correlation id echoed (Fastify made
 * it `req.id`, see correlation.ts), the in-flight gauge and shutdown tracking; then, when its
 * response has gone or its connection died, one log line and the metrics. One listener per request,
 * no per-request objects beyond the log line itself.
 *
 * The log line names method, path without the query, status and duration, never bodies, headers or
 * query strings. Hand-written rather than a logging plugin: a child logger per request costs more CPU
 * than a command's own work (docs/performance.md).
 */
export function requestLifecycle(logger: Logger, metrics: Metrics, inFlight: InFlight) {
  return function onRequest(req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
    const res = reply.raw;
    reply.headers(securityHeadersOf(req.url));
    reply.header('x-correlation-id', req.id);
    metrics.httpInFlight.inc();
    inFlight.opened(res);
    res.once('close', () => {
      metrics.httpInFlight.dec();
      inFlight.closed(res);
      answered(req, reply, res.writableFinished, logger, metrics);
    });
    done();
  };
}

function answered(
  req: FastifyRequest,
  reply: FastifyReply,
  finished: boolean,
  logger: Logger,
  metrics: Metrics,
): void {
  const status = reply.statusCode;
  const seconds = reply.elapsedTime / 1000;
  const method = methodLabel(req.method);
  const route = routeLabel(req);
  if (finished) {
    const labels = { method, route, status: String(status) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, seconds);
  } else {
    metrics.httpRequests.inc({ method, route, status: 'aborted' });
  }
  const level = finished ? (status >= 500 ? 'error' : 'info') : 'warn';
  if (!logger.isLevelEnabled(level)) return;
  logger[level](
    {
      correlationId: req.id,
      req: { method: req.method, path: pathOf(req.url) },
      res: { statusCode: status },
      responseTime: Math.round(seconds * 10_000) / 10,
    },
    finished ? 'request completed' : 'request aborted',
  );
}
