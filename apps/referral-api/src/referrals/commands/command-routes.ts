import { Body, Controller, HttpCode, Inject, Param, Post, Res, applyDecorators } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ReferralApplication } from '@app/application';
import type { CommandResult, HttpOrigin } from '@app/application';
import { APP_CONFIG } from '@app/config';
import type { AppConfig } from '@app/config';
import { canonicalJson } from '@app/event-store';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { Roles } from '../../auth/auth.decorators';
import { IDS } from '../../infrastructure/clock';
import type { IdGenerator } from '../../infrastructure/clock';
import type { CommandContext } from '../shared/command-context';
import { CommandCtx } from '../shared/command-context.decorator';
import { uuidParam } from '../shared/timed.request';
import { pathParams } from './referral-command.descriptor';
import type { CommandDescriptor } from './referral-command.descriptor';

/** Where an HTTP command came from, for the metadata of the events it causes. */
const originOf = (ctx: CommandContext, body: unknown, requestHash?: string): HttpOrigin => {
  const correction = (body as { correction?: HttpOrigin['correction'] } | null)?.correction;
  return {
    channel: 'http',
    actor: ctx.actor,
    correlationId: ctx.correlationId,
    causationId: ctx.causationId,
    requestHash,
    ...(correction ? { correction: { reason: correction.reason } } : {}),
  };
};

/** Runs one described command for the HTTP adapter (after validation): maps the request and calls the application layer. */
export type CommandDeps = { app: ReferralApplication; ids: IdGenerator; config: Pick<AppConfig, 'intake'> };

export async function runCommand(
  deps: CommandDeps,
  d: CommandDescriptor,
  params: Record<string, string>,
  body: unknown,
  ctx: CommandContext,
  res: FastifyReply,
): Promise<Record<string, unknown>> {
  if (d.kind === 'create') {
    const requestHash = createHash('sha256').update(canonicalJson(body)).digest('hex');
    const referralId = d.referralId(body, deps.ids);
    const result = await deps.app.receive(originOf(ctx, body, requestHash), referralId, (now) =>
      d.command({ params, body, now, ids: deps.ids, referralId, intake: deps.config.intake }),
    );
    res.status(result.created ? 201 : 200).header('location', `/v1/referrals/${result.id}`);
    return { id: result.id, version: result.version, status: result.status };
  }
  let command: ReturnType<typeof d.command> | undefined;
  const { id, version, status } = await deps.app.handle(
    originOf(ctx, body),
    d.action,
    (now) => (command = d.command({ params, body, now, ids: deps.ids })),
    { expectedVersion: typeof ctx.expectedVersion === 'number' ? ctx.expectedVersion : undefined },
  );
  const result: CommandResult = { id, version, status };
  return d.respond && command ? d.respond(result, command) : result;
}

/**
 * One Nest controller with a route per descriptor: method and path, status, roles, UUID checks of
 * the path parameters, the body validated against the descriptor's request class, and OpenAPI
 * metadata. The parameters are applied in the order a hand-written controller would declare them
 * (path, body, caller), so validation failures are reported in the same order.
 */
export function commandController(descriptors: readonly CommandDescriptor[]): Type {
  @ApiBearerAuth()
  @Controller()
  class ReferralCommandsController {
    constructor(
      @Inject(ReferralApplication) readonly app: ReferralApplication,
      @Inject(IDS) readonly ids: IdGenerator,
      @Inject(APP_CONFIG) readonly config: AppConfig,
    ) {}
  }
  const prototype = ReferralCommandsController.prototype as unknown as Record<string, unknown>;
  for (const d of descriptors) {
    const names = pathParams(d.path);
    const method = d.operationId;
    prototype[method] = function (this: CommandDeps, ...args: unknown[]) {
      const params = Object.fromEntries(names.map((name, i) => [name, args[i] as string]));
      const [body, ctx, res] = args.slice(names.length) as [unknown, CommandContext, FastifyReply];
      return runCommand(this, d, params, body, ctx, res);
    };
    Reflect.defineMetadata(
      'design:paramtypes',
      [...names.map(() => String), d.request, Object, Object],
      prototype,
      method,
    );
    names.forEach((name, i) => Param(name, uuidParam(name))(prototype, method, i));
    Body()(prototype, method, names.length);
    CommandCtx()(prototype, method, names.length + 1);
    Res({ passthrough: true })(prototype, method, names.length + 2);
    const decorate = applyDecorators(
      Post(d.path),
      HttpCode(d.kind === 'create' ? 201 : d.status),
      Roles(...d.roles),
      ApiTags(d.tag),
      ApiOperation({ operationId: d.operationId, summary: d.summary }),
      ApiBody({ type: d.request, examples: { example: { value: d.example } } }),
      ...names.map((name) => ApiParam({ name, format: 'uuid' })),
    );
    decorate(prototype, method, Object.getOwnPropertyDescriptor(prototype, method));
  }
  return ReferralCommandsController;
}
