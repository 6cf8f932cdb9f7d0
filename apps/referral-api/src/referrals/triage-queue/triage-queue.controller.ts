import { ApiQueryFrom } from '../../http/openapi-schemas';
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/application';
import { RecordsAccess } from '../../audit/access-log/access-log.interceptor';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import { TriageQueueQuery } from './triage-queue.handler';
import { TriageQueueRequest } from './triage-queue.request';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('v1/referrals')
export class TriageQueueController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('queue')
  @ApiOperation({
    operationId: 'getTriageQueue',
    summary:
      "The caller's teams' referrals awaiting acceptance: urgent first, then oldest first, with days waiting, reasons and source.",
  })
  @RecordsAccess({ listed: 'referrals' })
  @ApiQueryFrom(TriageQueueRequest)
  @Roles('link_worker', 'service_manager')
  get(@Query() query: TriageQueueRequest, @CurrentActor() actor: Actor): Promise<unknown> {
    return this.queryBus.execute(new TriageQueueQuery(query, actor));
  }
}
