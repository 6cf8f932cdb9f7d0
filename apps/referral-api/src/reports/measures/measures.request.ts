import { IsIn } from 'class-validator';
import { WAIT_MEASURES } from '@app/read-models';
import type { WaitMeasure } from '@app/read-models';
import { Optional } from '../../http/validators';
import { AttendanceReportRequest } from '../attendance/attendance.request';

/**
 * What the access and equity reports cover, as the attendance report: a fixed reporting period
 * (commissioners: the only choice; default the last complete month) or, for service managers, a
 * window of dates; and the disclosure policy.
 */
export class MeasuresReportRequest extends AttendanceReportRequest {}

/** The spells report: as the others, and the clock its waits stop at (default `help_started`). */
export class SpellsReportRequest extends AttendanceReportRequest {
  @Optional() @IsIn(WAIT_MEASURES) measure?: WaitMeasure;
}
