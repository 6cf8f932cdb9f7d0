import { HttpException } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
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
  fastify.addHook('preParsing', (req, _reply, payload, done) => {
    try {
      done(null, inflated(req.headers['content-encoding'], payload));
    } catch (error) {
      done(error as Error);
    }
  });
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

export function parseJsonBody(contentType: string | undefined, received: string): unknown {
  assertUtf8(contentType);
  // A UTF-8 byte order mark, which some integration engines put first, is not part of the JSON.
  const text = received.charCodeAt(0) === 0xfeff ? received.slice(1) : received;
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

/**
 * Fastify's own refusals (a body over the limit, a Content-Length that lies, a Content-Type it cannot
 * parse) as problems, so they read like every other 4xx; undefined for anything else. Nest hands them
 * over as a plain `HttpException` carrying Fastify's status and message.
 */
export function frameworkProblem(error: unknown): Problem | undefined {
  if (!(error instanceof HttpException) || error.constructor !== HttpException) return undefined;
  const status = error.getStatus();
  if (status < 400 || status >= 500) return undefined;
  switch (status) {
    case 413:
      return new Problem(413, 'Payload too large', `The request body is larger than ${MAX_BODY}`);
    case 415:
      return new Problem(415, 'Unsupported media type', 'Send application/json with a valid Content-Type');
    case 400:
      return new Problem(400, 'Bad request', 'The request body could not be read');
    default:
      return new Problem(status, STATUS_CODES[status] ?? 'Bad request', error.message);
  }
}

const DECOMPRESSORS: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

type Inflating = PassThrough & { receivedEncodedLength?: number };

/**
 * A compressed body (`Content-Encoding: gzip`, `deflate` or `br`) is inflated before it is read, and the
 * 256 kB limit applies to what it inflates to; any other encoding is 415, a corrupt one 400.
 */
export function inflated(encoding: string | undefined, payload: Readable): Readable {
  const name = encoding?.trim().toLowerCase();
  if (name === undefined || name === '' || name === 'identity') return payload;
  const decompressor = DECOMPRESSORS[name];
  if (decompressor === undefined)
    throw new Problem(
      415,
      'Unsupported media type',
      `Content-Encoding "${name}" is not supported: send the body as is, or gzip, deflate or br`,
    );
  const out: Inflating = new PassThrough();
  // Fastify compares Content-Length with the bytes that came over the wire, not the inflated ones.
  out.receivedEncodedLength = 0;
  payload.on('data', (chunk: Buffer) => (out.receivedEncodedLength! += chunk.length));
  const inflating = decompressor();
  inflating.on('error', () =>
    out.destroy(new Problem(400, 'Bad request', `The request body is not valid ${name}`)),
  );
  payload.on('error', (error) => out.destroy(error));
  payload.pipe(inflating).pipe(out);
  return out;
}
