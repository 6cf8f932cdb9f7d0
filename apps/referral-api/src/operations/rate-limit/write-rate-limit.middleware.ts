import { Inject, Injectable, Logger, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { AuthenticatedRequest } from '../../auth/jwt-auth.guard';
import { Problems } from '../../http/problem';
import { Metrics } from '../metrics';
import { RouteTemplates } from '../route-template';
import { TokenBuckets } from './token-buckets';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const LOG_EVERY_MS = 60_000;

/**
 * Limits write requests per client: the verified token's `sub`, or the remote address without one.
 * Over the limit the answer is 429 problem+json with `Retry-After`, before the body is read. Reads are
 * not limited here. Runs after authentication so a forged `sub` cannot spend someone else's budget.
 */
@Injectable()
export class WriteRateLimitMiddleware implements NestMiddleware {
  private readonly buckets?: TokenBuckets;
  private readonly logger = new Logger('RateLimit');
  private readonly lastLogged = new Map<string, number>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly metrics: Metrics,
    private readonly routes: RouteTemplates,
  ) {
    const { writesPerMinute, burst } = config.rateLimit;
    if (writesPerMinute > 0) this.buckets = new TokenBuckets(writesPerMinute, burst);
  }

  use(req: AuthenticatedRequest, res: Response, next: NextFunction): void {
    if (!this.buckets || !WRITES.has(req.method)) return next();
    const client = req.actor ? `sub:${req.actor.sub}` : `ip:${req.ip ?? 'unknown'}`;
    const decision = this.buckets.take(client, Date.now());
    if (decision.allowed) return next();
    const path = req.originalUrl.split('?')[0] ?? '';
    const route = this.routes.of(req.method, path);
    this.metrics.rateLimited.inc({ route });
    this.log(client, route);
    res.setHeader('Retry-After', String(decision.retryAfterSeconds));
    next(Problems.tooManyRequests(`Too many write requests from this client; retry after ${decision.retryAfterSeconds} s`));
  }

  // Metrics never name clients; the log does, once a minute per client, so operators can find who it is.
  private log(client: string, route: string): void {
    const now = Date.now();
    if (now - (this.lastLogged.get(client) ?? 0) < LOG_EVERY_MS) return;
    if (this.lastLogged.size > 10_000) this.lastLogged.clear();
    this.lastLogged.set(client, now);
    this.logger.warn({ client, route }, 'Client over its write rate limit');
  }
}
