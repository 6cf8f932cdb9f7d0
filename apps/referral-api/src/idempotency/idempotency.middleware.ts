import { Inject, Injectable, Logger, NestMiddleware } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import type { AuthenticatedRequest } from '../auth/jwt-auth.guard';
import { setVersionEtag } from '../http/etag';
import { Problems } from '@app/application';
import { IdempotencyStore } from '@app/read-models';
import type { Reservation } from '@app/read-models';

const KEY = /^[\x21-\x7e]{1,255}$/;
const REPLAYED_HEADERS = ['etag', 'location'];

function requestHash(req: AuthenticatedRequest): string {
  return createHash('sha256')
    .update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`)
    .digest('hex');
}

/**
 * Whose keys these are: the caller and their roles, hashed (any length of subject fits). A token of the
 * same subject without the role the route needs finds no stored answer, so it meets the role check (403)
 * instead of replaying the answer given to a token that had it.
 */
function scopeOf(actor: { sub: string; roles: readonly string[] }): string {
  return createHash('sha256')
    .update(JSON.stringify([actor.sub, [...actor.roles].sort()]))
    .digest('hex');
}

/**
 * `Idempotency-Key` on a POST or PUT: the same key and body replays the first successful response without
 * running the command again; the same key with another body is 409. Failed attempts free the key.
 */
@Injectable()
export class IdempotencyMiddleware implements NestMiddleware {
  private readonly logger = new Logger('Idempotency');

  constructor(@Inject(IdempotencyStore) private readonly store: IdempotencyStore) {}

  use(req: AuthenticatedRequest, res: Response, next: NextFunction): void {
    const key = req.headers['idempotency-key'];
    if ((req.method !== 'POST' && req.method !== 'PUT') || key === undefined || !req.actor) return next();
    if (typeof key !== 'string' || !KEY.test(key))
      return next(Problems.badRequest('Idempotency-Key must be 1-255 visible ASCII characters'));
    const actor = scopeOf(req.actor);
    this.store.reserve(actor, key, requestHash(req), Date.now()).then(
      (outcome) => this.answer(outcome, res, next, actor, key),
      (error: unknown) => next(error),
    );
  }

  private answer(outcome: Reservation, res: Response, next: NextFunction, actor: string, key: string): void {
    switch (outcome.kind) {
      case 'mismatch':
        return next(
          Problems.conflict(
            'This Idempotency-Key was used with a different request',
            'HTTP.IDEMPOTENCY_KEY_REUSED',
          ),
        );
      case 'in_progress':
        res.setHeader('Retry-After', String(outcome.retryAfterSeconds));
        return next(
          Problems.conflict(
            'A request with this Idempotency-Key is still in progress',
            'HTTP.IDEMPOTENCY_IN_PROGRESS',
          ),
        );
      case 'interrupted':
        return next(
          Problems.conflict(
            'The first request with this Idempotency-Key was interrupted by a restart and may or may not have been applied; ' +
              'read the resource to see, then send any retry with a new key',
            'HTTP.IDEMPOTENCY_INTERRUPTED',
          ),
        );
      case 'replay':
        res
          .status(outcome.response.status)
          .set({ ...outcome.response.headers, 'Idempotent-Replayed': 'true' })
          .json(outcome.response.body);
        return;
      case 'reserved':
        this.capture(res, actor, key);
        return next();
    }
  }

  /**
   * Holds a successful answer until it is recorded, so a retry sent to any instance the moment the
   * client has it finds it; a failed answer frees the key. If recording fails the answer still goes
   * out (the command was applied) and a retry is later told the first attempt was interrupted.
   */
  private capture(res: Response, actor: string, key: string): void {
    const json = res.json.bind(res);
    let settled = false;
    res.json = (body: unknown) => {
      settled = true;
      // Set here too: this hook runs before the app-wide one, and a replay must carry the same ETag.
      setVersionEtag(res, body);
      const recorded =
        res.statusCode >= 200 && res.statusCode < 300
          ? this.store.complete(actor, key, {
              status: res.statusCode,
              headers: this.replayedHeaders(res),
              body,
            })
          : this.store.release(actor, key);
      recorded
        .catch((error: unknown) => this.logger.warn({ err: error }, 'Idempotency record not updated'))
        .finally(() => json(body));
      return res;
    };
    res.on('close', () => {
      if (!settled) this.store.release(actor, key).catch(() => undefined);
    });
  }

  private replayedHeaders(res: Response): Record<string, string> {
    return Object.fromEntries(
      REPLAYED_HEADERS.flatMap((h) => (res.getHeader(h) ? [[h, String(res.getHeader(h))]] : [])),
    );
  }
}
