import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Problems, ReferralApplication } from '@app/application';
import type { HttpOrigin } from '@app/application';
import { DirectoryStore } from '@app/directory';
import { UPTAKE_STATUSES } from '@app/referral-domain';
import type { UptakeStatus } from '@app/referral-domain';
import { Roles } from '../auth/auth.decorators';
import { IsCalendarDate, IsIsoDateTime } from '../http/validators';
import { IDS } from '../infrastructure/clock';
import type { IdGenerator } from '../infrastructure/clock';
import type { CommandContext } from '../referrals/shared/command-context';
import { CommandCtx } from '../referrals/shared/command-context.decorator';
import { uuidParam } from '../referrals/shared/timed.request';
import { DIRECTORY } from './directory.controller';

export class PrescribeServiceRequest {
  /** A UUID for the prescription (a retry with the same id is refused as a duplicate); made when left out. */
  @IsOptional() @IsUUID('4') id?: string;
  /** The directory service prescribed (GET /directory/services). */
  @IsString() @MinLength(1) @MaxLength(250) serviceId!: string;
  /** The goals of the referral it serves. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  goalIds?: string[];
  /** Free text, sealed as personal data. */
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @IsOptional() @IsIsoDateTime() at?: string;
}

export class RecordUptakeRequest {
  @IsIn(UPTAKE_STATUSES, { message: `status must be one of: ${UPTAKE_STATUSES.join(', ')}` })
  status!: UptakeStatus;
  @IsOptional() @IsCalendarDate() startedOn?: string;
  @IsOptional() @IsCalendarDate() endedOn?: string;
  /** The young person's rating, 0 to 10. */
  @IsOptional() @IsInt() @Min(0) @Max(10) feedbackScore?: number;
  /** Free text, sealed as personal data. */
  @IsOptional() @IsString() @MaxLength(2000) feedback?: string;
  @IsOptional() @IsIsoDateTime() at?: string;
}

const originOf = (ctx: CommandContext): HttpOrigin => ({
  channel: 'http',
  actor: ctx.actor,
  correlationId: ctx.correlationId,
  causationId: ctx.causationId,
});

/**
 * Social prescriptions: a link worker prescribes a directory service for some of the young person's goals
 * and records its uptake, as events on the referral's stream (consent to support first; If-Match and
 * Idempotency-Key as for every command).
 */
@ApiTags('directory')
@Controller('v1/referrals')
export class PrescriptionsController {
  constructor(
    @Inject(ReferralApplication) private readonly app: ReferralApplication,
    @Inject(DIRECTORY) private readonly directory: DirectoryStore,
    @Inject(IDS) private readonly ids: IdGenerator,
  ) {}

  @Post(':id/prescriptions')
  @HttpCode(200)
  @Roles('link_worker', 'service_manager')
  @ApiOperation({
    operationId: 'prescribeService',
    summary: 'Prescribes a community service from the directory for goals of the referral',
  })
  @ApiBody({
    type: PrescribeServiceRequest,
    examples: {
      example: {
        value: {
          serviceId: '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
          goalIds: [],
          note: 'Her cousin goes there too',
        },
      },
    },
  })
  async prescribe(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: PrescribeServiceRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    const service = await this.directory.service(body.serviceId);
    if (!service)
      throw Problems.badRequest('No such service in the directory', [
        { field: 'serviceId', message: 'is not a service of the directory' },
      ]);
    const prescriptionId = body.id ?? this.ids.uuid();
    const result = await this.app.handle(
      originOf(ctx),
      'care',
      (now) => ({
        type: 'PrescribeService',
        referralId: id,
        at: body.at ? new Date(body.at).toISOString() : now,
        now,
        prescriptionId,
        serviceId: service.id,
        serviceName: service.name,
        goalIds: body.goalIds ?? [],
        note: body.note,
      }),
      { expectedVersion: typeof ctx.expectedVersion === 'number' ? ctx.expectedVersion : undefined },
    );
    return { id: result.id, version: result.version, status: result.status, prescriptionId };
  }

  @Post(':id/prescriptions/:prescriptionId/uptake')
  @HttpCode(200)
  @Roles('link_worker', 'service_manager')
  @ApiOperation({
    operationId: 'recordUptake',
    summary: 'Records what became of a prescription: attended, did not attend, declined or still attending',
  })
  @ApiBody({
    type: RecordUptakeRequest,
    examples: {
      example: { value: { status: 'still_attending', startedOn: '2026-11-14', feedbackScore: 8 } },
    },
  })
  async uptake(
    @Param('id', uuidParam('id')) id: string,
    @Param('prescriptionId', uuidParam('prescriptionId')) prescriptionId: string,
    @Body() body: RecordUptakeRequest,
    @CommandCtx() ctx: CommandContext,
  ) {
    const result = await this.app.handle(
      originOf(ctx),
      'care',
      (now) => ({
        type: 'RecordUptake',
        referralId: id,
        at: body.at ? new Date(body.at).toISOString() : now,
        now,
        prescriptionId,
        status: body.status,
        startedOn: body.startedOn,
        endedOn: body.endedOn,
        feedbackScore: body.feedbackScore,
        feedback: body.feedback,
      }),
      { expectedVersion: typeof ctx.expectedVersion === 'number' ? ctx.expectedVersion : undefined },
    );
    return { id: result.id, version: result.version, status: result.status, prescriptionId };
  }
}
