import { ApiQueryFrom } from '../../http/openapi-schemas';
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import type { Actor } from '@app/application';
import { ReportWindowRequest } from '../waiting-times/waiting-times.request';
import { OutcomesQuery } from './outcomes.query';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports/outcomes')
export class OutcomesController {
  constructor(private readonly queryBus: QueryBus) {}

  /** Reliable improvement, no reliable change and deterioration counts for referrals received in the window. */
  @Get()
  @ApiOperation({
    operationId: 'getOutcomes',
    summary: 'Reliable change in outcome measures by measure and rater, disclosure-controlled',
  })
  @ApiQueryFrom(ReportWindowRequest)
  @Roles('commissioner', 'service_manager')
  get(@Query() query: ReportWindowRequest, @CurrentActor() actor: Actor): Promise<unknown> {
    return this.queryBus.execute(new OutcomesQuery(query, actor));
  }
}
