import { ApiQueryFrom } from '../../http/openapi-schemas';
import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import type { Actor } from '@app/application';
import { waitingTimesCsv } from './waiting-times.csv';
import type { WaitingTimesReport } from './waiting-times.handler';
import { WaitingTimesQuery } from './waiting-times.query';
import { WaitingTimesRequest } from './waiting-times.request';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports/waiting-times')
export class WaitingTimesController {
  constructor(private readonly queryBus: QueryBus) {}

  /** Completed and still-waiting pathways with medians and 92nd percentiles; `Accept: text/csv` for CSV. */
  @Get()
  @ApiOperation({
    operationId: 'getWaitingTimes',
    summary: 'Waiting times by clock and group, disclosure-controlled (JSON or CSV)',
  })
  @ApiQueryFrom(WaitingTimesRequest)
  @ApiProduces('application/json', 'text/csv')
  @Roles('commissioner', 'service_manager')
  async get(
    @Query() query: WaitingTimesRequest,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<WaitingTimesReport | string> {
    const report = await this.queryBus.execute<WaitingTimesQuery, WaitingTimesReport>(
      new WaitingTimesQuery(query, actor),
    );
    if (accept?.includes('text/csv')) {
      res
        .type('text/csv; charset=utf-8')
        .header(
          'Content-Disposition',
          `attachment; filename="waiting-times-${report.measure}-${report.asOf}.csv"`,
        );
      return waitingTimesCsv(report);
    }
    return report;
  }
}
