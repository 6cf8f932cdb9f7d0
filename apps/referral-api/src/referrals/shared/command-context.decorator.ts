import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { AuthenticatedRequest } from '../../auth/jwt-auth.guard';
import { Problems } from '@app/application';
import type { CommandContext } from './command-context';

const IF_MATCH = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/;

/** The caller, correlation id and `If-Match` version of a command request. */
export const CommandCtx = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandContext => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!req.actor) throw Problems.unauthorized('Send Authorization: Bearer <token>');
  const header = req.headers['if-match'];
  let expectedVersion: number | undefined;
  if (typeof header === 'string' && header.trim() !== '*') {
    const match = IF_MATCH.exec(header);
    if (!match) throw Problems.badRequest('If-Match must be the quoted version from an ETag, e.g. "3"');
    expectedVersion = Number(match[1]);
  }
  return { actor: req.actor, correlationId: String(req.id), expectedVersion };
});
