import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { correlationId } from '../../http/correlation';

/**
 * Gives every request its correlation id (`req.id`, echoed as X-Correlation-Id) and logs one line when
 * it ends: method, path without the query, status and duration, never bodies, headers or query strings.
 * Hand-written rather than pino-http: that library's per-request child logger and async-context
 * bookkeeping cost more CPU than a command's own work (docs/performance.md).
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const id = correlationId(req, res);
    (req as Request & { id?: string }).id = id;
    const started = process.hrtime.bigint();
    let ended = false;
    const line = (message: 'request completed' | 'request aborted'): void => {
      ended = true;
      const level = res.statusCode >= 500 ? 'error' : message === 'request aborted' ? 'warn' : 'info';
      if (logger.isLevelEnabled(level)) logger[level](fields(req, res, id, started), message);
    };
    res.once('finish', () => line('request completed'));
    res.once('close', () => {
      if (!ended) line('request aborted');
    });
    next();
  };
}

function fields(
  req: Request,
  res: Response,
  correlationId: string,
  started: bigint,
): Record<string, unknown> {
  return {
    correlationId,
    req: { method: req.method, path: (req.originalUrl ?? req.url).split('?')[0] },
    res: { statusCode: res.statusCode },
    responseTime: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
  };
}
