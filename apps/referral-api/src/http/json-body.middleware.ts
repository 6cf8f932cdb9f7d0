import { Injectable, NestMiddleware } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';
import { Problem, Problems } from '@app/application';

export const MAX_BODY = '256kb';
/** Deeper than any request the API takes; deeper bodies would only exhaust the stack further in. */
export const MAX_DEPTH = 32;

const parseJson = express.json({
  limit: MAX_BODY,
  strict: true,
  type: ['application/json', 'application/*+json'],
});

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Only JSON bodies are accepted (415 otherwise); they are parsed with a 256 kB limit inside Nest so errors reach the problem filter. */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    if (!hasBody(req)) {
      req.body = undefined;
      return next();
    }
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/([a-z.+-]*\+)?json\s*(;|$)/i.test(type)) {
      return next(
        Problems.unsupportedMediaType(
          `Send application/json; got ${type ? `"${type.split(';')[0]}"` : 'no Content-Type'}`,
        ),
      );
    }
    parseJson(req, res, (error?: unknown) => {
      if (error !== undefined) return next(fromBodyParser(error));
      if (deeperThan(req.body, MAX_DEPTH))
        return next(
          new Problem(400, 'Bad request', `The request body is nested more than ${MAX_DEPTH} levels deep`),
        );
      next();
    });
  }
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

type BodyParserError = { type?: string; message?: string };

function fromBodyParser(error: unknown): unknown {
  switch ((error as BodyParserError).type) {
    case 'entity.parse.failed':
      return new Problem(400, 'Malformed JSON', 'The request body is not valid JSON');
    case 'entity.too.large':
      return new Problem(413, 'Payload too large', `The request body is larger than ${MAX_BODY}`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new Problem(415, 'Unsupported media type', 'Send JSON encoded as UTF-8');
    case 'request.aborted':
    case 'request.size.invalid':
      return new Problem(400, 'Bad request', 'The request body could not be read');
    default:
      return error;
  }
}
