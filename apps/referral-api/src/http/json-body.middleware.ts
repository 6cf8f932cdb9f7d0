import { Injectable, NestMiddleware } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';
import { Problem, Problems } from '@app/application';

export const MAX_BODY = '256kb';

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
    parseJson(req, res, (error?: unknown) => next(error === undefined ? undefined : fromBodyParser(error)));
  }
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
