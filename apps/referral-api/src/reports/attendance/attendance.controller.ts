import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import type { Actor } from '@app/application';
import { attendanceCsv } from './attendance.csv';
import type { AttendanceReport } from './attendance.handler';
import {
  ATTENDANCE_REPORT_EXAMPLE,
  ATTENDANCE_REPORT_SCHEMA,
  ApiAttendanceQuery,
} from './attendance.openapi';
import { AttendanceQuery } from './attendance.query';
import { AttendanceReportRequest } from './attendance.request';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports/attendance')
export class AttendanceController {
  constructor(private readonly queryBus: QueryBus) {}

  /** Did-not-attend rates overall, by age band and by source; `Accept: text/csv` for CSV. */
  @Get()
  @ApiOperation({
    operationId: 'attendanceReport',
    summary:
      'Attendance of the appointments that started in the period: attended, did not attend (and the rate of the two), cancelled by the young person, family or service; overall, by age band and by source. Disclosure-controlled for commissioners.',
  })
  @ApiOkResponse({
    schema: { ...ATTENDANCE_REPORT_SCHEMA, example: ATTENDANCE_REPORT_EXAMPLE },
    description: 'The report; with `Accept: text/csv`, the same rows as CSV',
  })
  @ApiAttendanceQuery()
  @ApiProduces('application/json', 'text/csv')
  @Roles('commissioner', 'service_manager')
  async get(
    @Query() query: AttendanceReportRequest,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<AttendanceReport | string> {
    const report = await this.queryBus.execute<AttendanceQuery, AttendanceReport>(
      new AttendanceQuery(query, actor),
    );
    if (accept?.includes('text/csv')) {
      res
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="attendance-${report.from}-${report.to}.csv"`);
      return attendanceCsv(report);
    }
    return report;
  }
}
