import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { from, mergeMap, Observable } from 'rxjs';
import { PersonalDataAccessed } from '@app/read-models';
import type { AuthenticatedRequest } from '../../auth/jwt-auth.guard';
import { pathOf } from '../../operations/route-template';
import { CLOCK, Clock } from '../../infrastructure/clock';
import { AccessLogWriter } from './access-log.writer';

const PURPOSE = /^[\x20-\x7e]{1,200}$/;
const LISTED = 'access-log:listed';

/** The ids of the referrals a list response shows (`id` or `referralId` of each item of `body[key]`). */
function listedIn(body: unknown, key: string | undefined): string[] | undefined {
  if (key === undefined) return undefined;
  const items = (body as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(items)) return [];
  return items
    .map((item: { id?: unknown; referralId?: unknown }) => item.referralId ?? item.id)
    .filter((id): id is string => typeof id === 'string');
}

/**
 * Records every successful read of identifiable data in the append-only access stream before the data
 * leaves: if the record cannot be written, the data is not returned.
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(
    private readonly writer: AccessLogWriter,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const listed = this.reflector.get<string | undefined>(LISTED, context.getHandler());
    return next
      .handle()
      .pipe(mergeMap((body: unknown) => from(this.record(req, listedIn(body, listed)).then(() => body))));
  }

  private async record(req: AuthenticatedRequest, referralIds: string[] | undefined): Promise<void> {
    const actor = req.actor!;
    const at = this.clock.now();
    const purpose = req.headers['x-purpose'];
    const event: PersonalDataAccessed = {
      type: 'PersonalDataAccessed',
      data: {
        at,
        actor: { sub: actor.sub, roles: [...actor.roles] },
        referralId:
          (req.params as Record<string, string | undefined>).id ??
          ((req.query as Record<string, unknown>).referralId as string | undefined) ??
          null,
        ...(referralIds && { referralIds }),
        linkWorkerId: (req.params as Record<string, string | undefined>).linkWorkerId ?? null,
        endpoint: `${req.method} ${req.routeOptions.url ?? pathOf(req.url)}`,
        purpose: typeof purpose === 'string' && PURPOSE.test(purpose) ? purpose : null,
      },
    };
    const metadata = {
      eventId: randomUUID(),
      occurredAt: at,
      actor: event.data.actor,
      correlationId: String(req.id),
      causationId: String(req.id),
      schemaVersion: 1,
    };
    await this.writer.record({ ...event, metadata }, at);
  }
}

/**
 * The route returns identifiable data: every successful call is written to the access log. A list
 * names where its items are (`listed`), so the log says which referrals it showed.
 */
export const RecordsAccess = (options: { listed?: string } = {}) =>
  applyDecorators(SetMetadata(LISTED, options.listed), UseInterceptors(AccessLogInterceptor));
