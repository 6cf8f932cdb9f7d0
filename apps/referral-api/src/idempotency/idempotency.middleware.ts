import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import type { AuthenticatedRequest } from '../auth/jwt-auth.guard';
import { setVersionEtag } from '../http/etag';
import { Problems } from '../http/problem';
import { IdempotencyStore } from './idempotency.store';

const KEY = /^[\x21-\x7e]{1,255}$/;
const REPLAYED_HEADERS = ['etag', 'location'];

function requestHash(req: AuthenticatedRequest): string {
  return createHash('sha256').update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`).digest('hex');
}

/**
 * `Idempotency-Key` on a POST: the same key and body replays the first successful response without
 * running the command again; the same key with another body is 409. Failed attempts free the key.
 */
@Injectable()
export class IdempotencyMiddleware implements NestMiddleware {
  constructor(@Inject(IdempotencyStore) private readonly store: IdempotencyStore) {}

  use(req: AuthenticatedRequest, res: Response, next: NextFunction): void {
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || key === undefined || !req.actor) return next();
    if (typeof key !== 'string' || !KEY.test(key)) return next(Problems.badRequest('Idempotency-Key must be 1-255 visible ASCII characters'));
    const actor = req.actor.sub;
    const outcome = this.store.reserve(actor, key, requestHash(req), Date.now());
    switch (outcome.kind) {
      case 'mismatch':
        return next(Problems.conflict('This Idempotency-Key was used with a different request', 'HTTP.IDEMPOTENCY_KEY_REUSED'));
      case 'in_progress':
        return next(Problems.conflict('A request with this Idempotency-Key is still in progress', 'HTTP.IDEMPOTENCY_IN_PROGRESS'));
      case 'interrupted':
        return next(Problems.conflict(
          'The first request with this Idempotency-Key was interrupted by a restart and may or may not have been applied; ' +
            'read the resource to see, then send any retry with a new key',
          'HTTP.IDEMPOTENCY_INTERRUPTED',
        ));
      case 'replay':
        res.status(outcome.response.status).set({ ...outcome.response.headers, 'Idempotent-Replayed': 'true' }).json(outcome.response.body);
        return;
      case 'reserved':
        this.capture(res, actor, key);
        return next();
    }
  }

  private capture(res: Response, actor: string, key: string): void {
    const json = res.json.bind(res);
    let settled = false;
    res.json = (body: unknown) => {
      settled = true;
      // Set here too: this hook runs before the app-wide one, and a replay must carry the same ETag.
      setVersionEtag(res, body);
      if (res.statusCode >= 200 && res.statusCode < 300) {
        const headers = Object.fromEntries(REPLAYED_HEADERS.flatMap((h) => (res.getHeader(h) ? [[h, String(res.getHeader(h))]] : [])));
        this.store.complete(actor, key, { status: res.statusCode, headers, body });
      } else {
        this.store.release(actor, key);
      }
      return json(body);
    };
    res.on('close', () => {
      if (!settled) this.store.release(actor, key);
    });
  }
}
