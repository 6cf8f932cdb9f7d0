import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { Problem, Problems } from '@app/application';
import type { Actor } from '@app/application';
import {
  DirectoryRefusal,
  DirectoryStore,
  REPORT_RESOLUTIONS,
  SERVICE_REPORT_KINDS,
  checkService,
} from '@app/directory';
import type {
  HsdsService,
  ReportResolution,
  ServiceReport,
  ServiceReportKind,
  WriteGuard,
} from '@app/directory';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiQueryFrom } from '../http/openapi-schemas';
import { Optional } from '../http/validators';
import { CommandCtx } from '../referrals/shared/command-context.decorator';
import type { CommandContext } from '../referrals/shared/command-context';
import { uuidParam } from '../referrals/shared/timed.request';
import { DIRECTORY } from './directory.controller';

export class ReportServiceRequest {
  /** `closed`: it no longer runs; `changed`: it runs differently from what the directory says. */
  @IsIn(SERVICE_REPORT_KINDS) kind!: ServiceReportKind;
  /** What is wrong with the listing. About the service only: never the young person. */
  @Optional() @IsString() @Length(1, 1000) detail?: string;
}

export class ResolveReportRequest {
  /** `closed` marks the service inactive; `no_change` re-assures it today; `updated`: corrected by a PUT. */
  @IsIn(REPORT_RESOLUTIONS) outcome!: ReportResolution;
  @Optional() @IsString() @Length(1, 1000) note?: string;
}

export class ServiceReportsRequest {
  /** `open` (default): awaiting an editor; `all`: resolved ones too. */
  @Optional() @IsIn(['open', 'all']) status?: 'open' | 'all';
  @Optional() @IsString() @Length(1, 250) service_id?: string;
}

const EXAMPLE_SERVICE = {
  id: '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
  name: 'Riverside Juniors Football Club',
  status: 'active',
  description: 'Weekly football for 8 to 12 year olds',
  minimum_age: 8,
  maximum_age: 12,
  assured_date: '2026-11-30',
};
const HSDS_BODY = {
  description:
    'An HSDS 3.0 service (service.json), nested organisation, locations and taxonomy terms included',
  schema: {
    type: 'object',
    required: ['name', 'status'],
    properties: {
      id: {
        type: 'string',
        format: 'uuid',
        description: 'Generated on POST when absent; on PUT, the path id',
      },
      name: { type: 'string' },
      status: { type: 'string', enum: ['active', 'inactive', 'defunct', 'temporarily closed'] },
      minimum_age: { type: 'number' },
      maximum_age: { type: 'number' },
      assured_date: { type: 'string', format: 'date' },
    },
    additionalProperties: true,
  },
  examples: { example: { value: EXAMPLE_SERVICE } },
};

const STATUS: Record<DirectoryRefusal['code'], number> = {
  'DIRECTORY.SERVICE_EXISTS': 409,
  'DIRECTORY.SERVICE_NOT_FOUND': 404,
  'DIRECTORY.REPORT_NOT_FOUND': 404,
  'DIRECTORY.REPORT_RESOLVED': 409,
  'HTTP.STALE_VERSION': 412,
};
const TITLE: Record<number, string> = { 404: 'Not found', 409: 'Conflict', 412: 'Precondition failed' };

/** The directory's refusals as problems; anything else goes on unchanged. */
async function refusing<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof DirectoryRefusal)) throw error;
    const status = STATUS[error.code];
    throw new Problem(status, TITLE[status]!, error.message, { code: error.code });
  }
}

/**
 * Keeping the directory current: directory editors add and edit services (each change recorded with who
 * and when, guarded by If-Match on the service's version); link workers report services that closed or
 * changed, and the directory shows those reports until an editor resolves them.
 */
@ApiTags('directory')
@Controller('v1/directory')
export class DirectoryEditingController {
  constructor(@Inject(DIRECTORY) private readonly directory: DirectoryStore) {}

  @Post('services')
  @HttpCode(201)
  @Roles('directory_editor')
  @ApiOperation({ operationId: 'addDirectoryService', summary: 'Adds a service to the community directory' })
  @ApiBody(HSDS_BODY)
  async add(
    @Body() body: Record<string, unknown>,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.save({ ...body, id: body.id ?? randomUUID() }, ctx, { mustNotExist: true }, res);
  }

  @Put('services/:serviceId')
  @Roles('directory_editor')
  @ApiOperation({
    operationId: 'replaceDirectoryService',
    summary: 'Replaces a service of the community directory (If-Match: its version)',
  })
  @ApiBody(HSDS_BODY)
  async replace(
    @Param('serviceId') serviceId: string,
    @Body() body: Record<string, unknown>,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    if (body.id !== undefined && body.id !== serviceId)
      throw Problems.badRequest('The body names another service than the path', [
        { field: 'id', message: 'must equal the service id in the path' },
      ]);
    return this.save(
      { ...body, id: serviceId },
      ctx,
      {
        mustExist: true,
        expectedVersion: typeof ctx.expectedVersion === 'number' ? ctx.expectedVersion : undefined,
      },
      res,
    );
  }

  private async save(
    body: Record<string, unknown>,
    ctx: CommandContext,
    guard: WriteGuard,
    res: FastifyReply,
  ) {
    const { service, problems } = checkService(body, await this.directory.knownTermIds());
    if (!service)
      throw Problems.badRequest(
        'The service is not a valid HSDS 3.0 service the directory can take',
        problems.map((p) => {
          const [field, ...rest] = p.split(' ');
          return { field: field!, message: rest.join(' ') };
        }),
      );
    const now = new Date().toISOString();
    const outcome = await refusing(this.directory.upsertService(service, ctx.actor.sub, now, guard));
    const version = await this.directory.serviceVersion(service.id);
    res.header('ETag', `"${version}"`);
    return { id: service.id, version, outcome };
  }

  @Get('services/:serviceId/history')
  @Roles('directory_editor', 'service_manager')
  @ApiOperation({
    operationId: 'directoryServiceHistory',
    summary: "A service's recorded changes (who, when, what) and its version for If-Match",
  })
  async history(@Param('serviceId') serviceId: string, @Res({ passthrough: true }) res: FastifyReply) {
    const changes = await this.directory.history('service', serviceId);
    if (changes.length === 0) throw Problems.notFound(`No service ${serviceId} in the directory`);
    res.header('ETag', `"${changes.length}"`);
    return {
      serviceId,
      version: changes.length,
      changes: changes.map((c) => ({
        at: c.at,
        by: c.actor,
        action: c.action,
        previous: c.previous_doc ? (JSON.parse(c.previous_doc) as HsdsService) : null,
      })),
    };
  }

  @Post('services/:serviceId/reports')
  @HttpCode(201)
  @Roles('link_worker', 'service_manager')
  @ApiOperation({
    operationId: 'reportDirectoryService',
    summary: 'Reports a service as closed or changed; the directory shows it until an editor resolves it',
  })
  @ApiBody({
    type: ReportServiceRequest,
    examples: { example: { value: { kind: 'closed', detail: 'The hall has shut' } } },
  })
  async report(
    @Param('serviceId') serviceId: string,
    @Body() body: ReportServiceRequest,
    @CurrentActor() actor: Actor,
  ): Promise<ServiceReport> {
    return refusing(
      this.directory.reportService({
        serviceId,
        kind: body.kind,
        detail: body.detail,
        actor: actor.sub,
        now: new Date().toISOString(),
      }),
    );
  }

  @Get('reports')
  @Roles('directory_editor', 'service_manager')
  @ApiOperation({
    operationId: 'directoryReports',
    summary: "Link workers' reports of closed or changed services, oldest first (open ones by default)",
  })
  @ApiQueryFrom(ServiceReportsRequest)
  async reports(@Query() q: ServiceReportsRequest) {
    const reports = await this.directory.serviceReports({
      open: q.status !== 'all',
      serviceId: q.service_id,
    });
    return { status: q.status ?? 'open', reports };
  }

  @Post('reports/:reportId/resolve')
  @HttpCode(200)
  @Roles('directory_editor')
  @ApiOperation({
    operationId: 'resolveDirectoryReport',
    summary:
      'Resolves a report: the service closed (made inactive), updated, or unchanged (re-assured today)',
  })
  @ApiBody({
    type: ResolveReportRequest,
    examples: { example: { value: { outcome: 'closed', note: 'Confirmed with the organiser' } } },
  })
  async resolve(
    @Param('reportId', uuidParam('reportId')) reportId: string,
    @Body() body: ResolveReportRequest,
    @CurrentActor() actor: Actor,
  ): Promise<ServiceReport> {
    return refusing(
      this.directory.resolveReport(reportId, {
        outcome: body.outcome,
        note: body.note,
        actor: actor.sub,
        now: new Date().toISOString(),
      }),
    );
  }
}
