import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Metrics } from './metrics';
import { RouteTemplates, methodLabel } from './route-template';

/** Times every answered request and counts it by method, route template and status. */
export function httpMetrics(metrics: Metrics, routes: RouteTemplates): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    metrics.httpInFlight.inc();
    let answered = false;
    res.once('finish', () => {
      answered = true;
      const labels = {
        method: methodLabel(req.method),
        route: routes.of(req.method, req.path, (req.route as { path?: string } | undefined)?.path),
        status: String(res.statusCode),
      };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    res.once('close', () => {
      metrics.httpInFlight.dec();
      if (!answered)
        metrics.httpRequests.inc({
          method: methodLabel(req.method),
          route: routes.of(req.method, req.path),
          status: 'aborted',
        });
    });
    next();
  };
}
