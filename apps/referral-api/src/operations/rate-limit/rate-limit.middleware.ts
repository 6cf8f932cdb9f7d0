import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { AuthenticatedRequest, Next } from '../../auth/jwt-auth.guard';
import { Problems } from '@app/application';
import { Metrics } from '../metrics';
import { routeLabel } from '../route-template';
import { TokenBuckets } from './token-buckets';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Probes and scrapes come from the platform, not from clients, and read no case data.
const UNLIMITED = /^\/(health|metrics)(\/|$|\?)/;
const LOG_EVERY_MS = 60_000;

/**
 * Limits requests per client: the verified token's `sub`, or the remote address without one. Writes
 * and reads have budgets of their own, so a client polling a referral cannot use up its writes and a
 * burst of writes never blocks its reads. Over a limit the answer is 429 problem+json with
 * `Retry-After`, before the body is read. Runs after authentication so a forged `sub` cannot spend
 * someone else's budget. Budgets are per instance (docs/scaling.md).
 */
@Injectable()
export class RateLimitMiddleware {
  private readonly writes?: TokenBuckets;
  private readonly reads?: TokenBuckets;
  private readonly logger = new Logger('RateLimit');
  private readonly lastLogged = new Map<string, number>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(Metrics) private readonly metrics: Metrics,
  ) {
    const { writesPerMinute, burst, readsPerMinute, readBurst } = config.rateLimit;
    if (writesPerMinute > 0) this.writes = new TokenBuckets(writesPerMinute, burst);
    if (readsPerMinute > 0) this.reads = new TokenBuckets(readsPerMinute, readBurst);
  }

  use(req: AuthenticatedRequest, res: FastifyReply, next: Next): void {
    const write = WRITES.has(req.method);
    const buckets = write ? this.writes : this.reads;
    if (!buckets || (!write && UNLIMITED.test(req.url))) return next();
    const client = req.actor ? `sub:${req.actor.sub}` : `ip:${req.ip ?? 'unknown'}`;
    const decision = buckets.take(client, Date.now());
    if (decision.allowed) return next();
    const route = routeLabel(req);
    (write ? this.metrics.rateLimited : this.metrics.rateLimitedReads).inc({ route });
    const kind = write ? 'write' : 'read';
    this.log(client, route, kind);
    res.header('retry-after', String(decision.retryAfterSeconds));
    next(
      Problems.tooManyRequests(
        `Too many ${kind} requests from this client; retry after ${decision.retryAfterSeconds} s`,
      ),
    );
  }

  // Metrics never name clients; the log does, once a minute per client, so operators can find who it is.
  private log(client: string, route: string, kind: string): void {
    const now = Date.now();
    const key = `${kind}:${client}`;
    if (now - (this.lastLogged.get(key) ?? 0) < LOG_EVERY_MS) return;
    if (this.lastLogged.size > 10_000) this.lastLogged.clear();
    this.lastLogged.set(key, now);
    this.logger.warn({ client, route, kind }, `Client over its ${kind} rate limit`);
  }
}
