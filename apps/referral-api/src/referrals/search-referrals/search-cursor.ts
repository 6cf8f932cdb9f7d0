import { createHash } from 'node:crypto';
import { Problems } from '@app/application';
import { canonicalJson } from '@app/event-store';

/** How long a cursor can be used to read on. */
const CURSOR_LIFETIME_MS = 24 * 3_600_000;

type Position = { receivedAt: string; id: string };
type Payload = { v: 1; r: string; i: string; q: string; t: number };

const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

/** The fingerprint of a search (filters and order, not the page), which a cursor is bound to. */
export const searchFingerprint = (filters: Record<string, unknown>): string => digest(canonicalJson(filters));

/**
 * An opaque cursor: the last row's position, the search it belongs to and when it was issued, with a
 * checksum so a cursor edited by hand is refused rather than read as another position.
 */
export function encodeCursor(position: Position, fingerprint: string, now: number): string {
  const payload: Payload = { v: 1, r: position.receivedAt, i: position.id, q: fingerprint, t: now };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${digest(`cursor:${body}`)}`;
}

const invalid = (detail: string) => Problems.badRequest(detail, [{ field: 'cursor', message: detail }]);

/** The position a cursor continues from; 400 when it was altered, belongs to another search or has expired. */
export function decodeCursor(cursor: string, fingerprint: string, now: number): Position {
  const [body, check, extra] = cursor.split('.');
  if (!body || !check || extra !== undefined || digest(`cursor:${body}`) !== check)
    throw invalid('The cursor is not one this service issued; start again without it');
  let payload: Payload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
  } catch {
    throw invalid('The cursor is not one this service issued; start again without it');
  }
  if (payload.q !== fingerprint)
    throw invalid('The cursor belongs to a search with other filters or order; start again without it');
  if (!(now - payload.t <= CURSOR_LIFETIME_MS))
    throw invalid('The cursor has expired; start the search again');
  return { receivedAt: payload.r, id: payload.i };
}
