import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The request's id (Fastify's `genReqId`, so it is `req.id` everywhere): the caller's
 * X-Correlation-Id when it is a safe token, otherwise a new uuid. The response echoes it.
 */
export function correlationIdOf(req: IncomingMessage): string {
  const given = req.headers['x-correlation-id'];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}
