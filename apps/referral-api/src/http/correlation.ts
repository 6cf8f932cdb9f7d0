import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Uses the caller's X-Correlation-Id when it is a safe token, otherwise a new uuid; echoes it back. */
export function correlationId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-correlation-id'];
  const id = typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Correlation-Id', id);
  return id;
}
