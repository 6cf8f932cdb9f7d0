import type { NestExpressApplication } from '@nestjs/platform-express';
import { GracefulShutdown } from './graceful-shutdown';
import { httpMetrics } from './http-metrics.middleware';
import { Metrics } from './metrics';
import { RouteTemplates } from './route-template';
import { securityHeaders } from './security-headers.middleware';

/** Express-level middleware that must see every request first: drain tracking, metrics, security headers. */
export function installOperations(app: NestExpressApplication): void {
  app.use(app.get(GracefulShutdown).track);
  app.use(httpMetrics(app.get(Metrics), app.get(RouteTemplates)));
  app.use(securityHeaders);
}
