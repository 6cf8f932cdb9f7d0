import type { FastifyInstance, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { Problem } from '@app/application';

export const MAX_BODY = '256kb';
export const MAX_BODY_BYTES = 256 * 1024;
/** Deeper than any request the API takes; deeper bodies would only exhaust the stack further in. */
export const MAX_DEPTH = 32;

// application/json and every +json type (problem+json, fhir+json, merge-patch+json), with parameters.
const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;.*)?$/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

/**
 * Only JSON bodies are accepted: any other type is 415, more than 256 kB is 413, and a body that is
 * not a JSON object or array, or nests deeper than 32 levels, is 400, all as problem+json through the
 * problem filter. Fastify reads the body once, with its limit, after the rate limit has had its say.
 */
export function acceptJsonBodies(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    JSON_TYPE,
    { parseAs: 'string', bodyLimit: MAX_BODY_BYTES },
    (req: FastifyRequest, text: string | Buffer, done: (err: Error | null, body?: unknown) => void) => {
      try {
        done(null, parseJsonBody(req.headers['content-type'], String(text)));
      } catch (error) {
        done(error as Error);
      }
    },
  );
  fastify.addContentTypeParser('*', (req: FastifyRequest, _payload: unknown, done: (err: Error) => void) => {
    done(unsupportedType(req.headers['content-type']));
  });
}

function assertUtf8(contentType: string | undefined): void {
  const charset = CHARSET.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    throw new Problem(415, 'Unsupported media type', 'Send JSON encoded as UTF-8');
}

export function parseJsonBody(contentType: string | undefined, text: string): unknown {
  assertUtf8(contentType);
  if (text.length === 0) return undefined;
  const first = /\S/.exec(text)?.[0];
  // Strict, as before: a body is an object or an array, never a bare string or number.
  if (first !== '{' && first !== '[') throw malformed();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw malformed();
  }
  if (deeperThan(body, MAX_DEPTH))
    throw new Problem(400, 'Bad request', `The request body is nested more than ${MAX_DEPTH} levels deep`);
  return body;
}

const malformed = () => new Problem(400, 'Malformed JSON', 'The request body is not valid JSON');

function unsupportedType(type: string | undefined): Problem {
  return new Problem(
    415,
    'Unsupported media type',
    `Send application/json; got ${type ? `"${type.split(';')[0]}"` : 'no Content-Type'}`,
  );
}

/** Whether `value` nests objects or arrays more than `limit` levels, found without recursion. */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

type FrameworkError = { code?: unknown; statusCode?: unknown };

/**
 * Fastify's own refusals (a body over the limit, a Content-Length that lies, a media type it cannot
 * parse, a malformed URL) as problems, so they read like every other 4xx; undefined for anything else.
 */
export function frameworkProblem(error: unknown): Problem | undefined {
  const { code, statusCode } = (error ?? {}) as FrameworkError;
  if (typeof code !== 'string' || !code.startsWith('FST_') || typeof statusCode !== 'number')
    return undefined;
  if (statusCode < 400 || statusCode >= 500) return undefined;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Problem(413, 'Payload too large', `The request body is larger than ${MAX_BODY}`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return unsupportedType(undefined);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new Problem(400, 'Bad request', 'The request body could not be read');
    default:
      return new Problem(
        statusCode,
        STATUS_CODES[statusCode] ?? 'Bad request',
        'The request could not be read',
      );
  }
}
