import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/application';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import { ApiQueryFrom } from '../../http/openapi-schemas';
import { prescriptionsCsv, unmetNeedCsv } from './directory-reports.csv';
import { DirectoryReportRequest } from './directory-reports.request';
import { DirectoryReports } from './directory-reports.service';
import type { PrescriptionsReport, UnmetNeedReport } from './directory-reports.service';

const asCsv = (res: FastifyReply, name: string, report: { from: string; to: string }) =>
  res
    .type('text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${name}-${report.from}-${report.to}.csv"`);

/** Social prescribing reports: prescriptions and uptake, and unmet need; `Accept: text/csv` for CSV. */
@ApiTags('reports')
@Controller('v1/reports')
export class DirectoryReportsController {
  constructor(private readonly reports: DirectoryReports) {}

  @Get('prescriptions')
  @ApiOperation({
    operationId: 'prescriptionsReport',
    summary:
      'Social prescriptions made in the period and their uptake (attended, still attending, did not attend, declined, awaiting), overall, by directory service, by taxonomy term and by age band. Disclosure-controlled for commissioners.',
  })
  @ApiQueryFrom(DirectoryReportRequest)
  @ApiProduces('application/json', 'text/csv')
  @Roles('commissioner', 'service_manager')
  async prescriptions(
    @Query() q: DirectoryReportRequest,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<PrescriptionsReport | string> {
    const report = await this.reports.prescriptions(actor, q);
    if (!accept?.includes('text/csv')) return report;
    asCsv(res, 'prescriptions', report);
    return prescriptionsCsv(report);
  }

  @Get('unmet-need')
  @ApiOperation({
    operationId: 'unmetNeedReport',
    summary:
      "Unmet need: for each referral reason and age band, referrals received in the period for which the directory has no open service for that need at the young person's age within DIRECTORY_MATCH_DISTANCE_M of their postcode; and the directory's own gaps. Disclosure-controlled for commissioners.",
  })
  @ApiQueryFrom(DirectoryReportRequest)
  @ApiProduces('application/json', 'text/csv')
  @Roles('commissioner', 'service_manager')
  async unmetNeed(
    @Query() q: DirectoryReportRequest,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<UnmetNeedReport | string> {
    const report = await this.reports.unmetNeed(actor, q);
    if (!accept?.includes('text/csv')) return report;
    asCsv(res, 'unmet-need', report);
    return unmetNeedCsv(report);
  }
}
