import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/application';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import { ApiQueryFrom } from '../../http/openapi-schemas';
import { accessCsv, equityCsv, spellsCsv } from './measures.csv';
import { MeasuresReportRequest, SpellsReportRequest } from './measures.request';
import { MeasuresReports } from './measures.service';
import type { AccessReport, EquityReport, SpellsReport } from './measures.service';

/** The CSV answer when asked for (`Accept: text/csv`), as a download named after the report and window. */
function csvWanted(
  accept: string | undefined,
  res: FastifyReply,
  name: string,
  r: { from: string; to: string },
) {
  if (!accept?.includes('text/csv')) return false;
  res
    .type('text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${name}-${r.from}-${r.to}.csv"`);
  return true;
}

/** Referral spells, access and equity (issue 20); `Accept: text/csv` for CSV. */
@ApiTags('reports')
@Controller('v1/reports')
export class MeasuresController {
  constructor(private readonly reports: MeasuresReports) {}

  @Get('spells')
  @ApiOperation({
    operationId: 'spellsReport',
    summary:
      "Referral spells (NHS MHSDS children and young people's method): a young person's referrals that overlap or open within 5 days of the last ending form one spell. Spells started in the period, closed and still open, referrals per spell, and the wait (received to the `measure` clock stop) per spell and per referral; overall, by month and by referrals per spell. Disclosure-controlled for commissioners.",
  })
  @ApiQueryFrom(SpellsReportRequest)
  @ApiProduces('application/json', 'text/csv')
  @Roles('commissioner', 'service_manager')
  async spells(
    @Query() q: SpellsReportRequest,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<SpellsReport | string> {
    const report = await this.reports.spells(actor, q);
    return csvWanted(accept, res, 'spells', report) ? spellsCsv(report) : report;
  }

  @Get('access')
  @ApiOperation({
    operationId: 'accessReport',
    summary:
      'Access (MHS95 and MHS69 style): young people under 18 with at least one attended contact, and with at least two the first before their 18th birthday, in rolling 12 months; the 12 months ending on the last day of the period, each month of it, by PCN and by age band. Disclosure-controlled for commissioners.',
  })
  @ApiQueryFrom(MeasuresReportRequest)
  @ApiProduces('application/json', 'text/csv')
  @Roles('commissioner', 'service_manager')
  async access(
    @Query() q: MeasuresReportRequest,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<AccessReport | string> {
    const report = await this.reports.access(actor, q);
    return csvWanted(accept, res, 'access', report) ? accessCsv(report) : report;
  }

  @Get('equity')
  @ApiOperation({
    operationId: 'equityReport',
    summary:
      'Equity: referrals received in the period by source group (GP, school, parent or carer, self, CAMHS, other), age band at referral and under 16, gender and ethnicity where recorded; their share, how many were declined, and the 4-week referral-to-help standard met. Disclosure-controlled for commissioners.',
  })
  @ApiQueryFrom(MeasuresReportRequest)
  @ApiProduces('application/json', 'text/csv')
  @Roles('commissioner', 'service_manager')
  async equity(
    @Query() q: MeasuresReportRequest,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<EquityReport | string> {
    const report = await this.reports.equity(actor, q);
    return csvWanted(accept, res, 'equity', report) ? equityCsv(report) : report;
  }
}
