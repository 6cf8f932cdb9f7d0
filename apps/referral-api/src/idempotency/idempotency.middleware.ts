import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest, Next } from '../auth/jwt-auth.guard';
import { Problems } from '@app/application';
import { IdempotencyStore } from '@app/read-models';
import type { Reservation } from '@app/read-models';

const KEY = /^[\x21-\x7e]{1,255}$/;
const REPLAYED_HEADERS = ['etag', 'location'];

/** A reserved key waiting for the answer it will replay. */
type Pending = { actor: string; key: string; settled: boolean };
export type IdempotentRequest = AuthenticatedRequest & { idempotency?: Pending };

function requestHash(req: AuthenticatedRequest): string {
  return createHash('sha256')
    .update(`${req.method} ${req.url}\n${JSON.stringify(req.body ?? null)}`)
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
 * `use` is a preHandler hook (the body is parsed by then), `capture` a preSerialization hook.
 */
@Injectable()
export class IdempotencyMiddleware {
  private readonly logger = new Logger('Idempotency');

  constructor(@Inject(IdempotencyStore) private readonly store: IdempotencyStore) {}

  use(req: IdempotentRequest, res: FastifyReply, next: Next): void {
    const key = req.headers['idempotency-key'];
    if ((req.method !== 'POST' && req.method !== 'PUT') || key === undefined || !req.actor) return next();
    if (typeof key !== 'string' || !KEY.test(key))
      return next(Problems.badRequest('Idempotency-Key must be 1-255 visible ASCII characters'));
    const actor = scopeOf(req.actor);
    this.store.reserve(actor, key, requestHash(req), Date.now()).then(
      (outcome) => this.answer(outcome, req, res, next, actor, key),
      (error: unknown) => next(error as Error),
    );
  }

  private answer(
    outcome: Reservation,
    req: IdempotentRequest,
    res: FastifyReply,
    next: Next,
    actor: string,
    key: string,
  ): void {
    switch (outcome.kind) {
      case 'mismatch':
        return next(
          Problems.conflict(
            'This Idempotency-Key was used with a different request',
            'HTTP.IDEMPOTENCY_KEY_REUSED',
          ),
        );
      case 'in_progress':
        res.header('retry-after', String(outcome.retryAfterSeconds));
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
        // Answered here: the hook does not pass on, so the command never runs again.
        res
          .status(outcome.response.status)
          .headers({ ...outcome.response.headers, 'idempotent-replayed': 'true' })
          .send(outcome.response.body);
        return;
      case 'reserved': {
        const pending: Pending = { actor, key, settled: false };
        req.idempotency = pending;
        res.raw.once('close', () => {
          if (!pending.settled) this.store.release(actor, key).catch(() => undefined);
        });
        return next();
      }
    }
  }

  /**
   * Holds a successful answer until it is recorded, so a retry sent to any instance the moment the
   * client has it finds it; a failed answer frees the key. If recording fails the answer still goes
   * out (the command was applied) and a retry is later told the first attempt was interrupted. Runs
   * after the ETag hook, so the recorded headers hold the ETag the replay must carry.
   */
  readonly capture = (
    req: IdempotentRequest,
    res: FastifyReply,
    body: unknown,
    done: (error: Error | null, body?: unknown) => void,
  ): void => {
    const pending = req.idempotency;
    if (!pending || pending.settled) return done(null, body);
    pending.settled = true;
    const { actor, key } = pending;
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
      .finally(() => done(null, body));
  };

  private replayedHeaders(res: FastifyReply): Record<string, string> {
    return Object.fromEntries(
      REPLAYED_HEADERS.flatMap((h) => (res.getHeader(h) ? [[h, String(res.getHeader(h))]] : [])),
    );
  }
}
