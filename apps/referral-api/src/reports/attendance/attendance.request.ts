import { IsIn, IsString, MaxLength } from 'class-validator';
import { SUPPRESSION_POLICIES } from '@app/read-models';
import type { SuppressionPolicyName } from '@app/read-models';
import { IsCalendarDate, Optional } from '../../http/validators';

/** What the attendance report covers: appointments that started in a period (or, for service managers, a window). */
export class AttendanceReportRequest {
  /** A fixed reporting period: YYYY-MM, YYYY-Qn or FYYYYY-YY (commissioners: the only choice). */
  @Optional() @IsString() @MaxLength(20) period?: string;
  @Optional() @IsCalendarDate() from?: string;
  @Optional() @IsCalendarDate() to?: string;
  @Optional() @IsIn(SUPPRESSION_POLICIES) suppression?: SuppressionPolicyName;
}
