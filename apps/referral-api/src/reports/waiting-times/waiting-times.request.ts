import { IsIn, IsString, MaxLength } from 'class-validator';
import { GROUP_BYS, SUPPRESSION_POLICIES, WAIT_MEASURES } from '@app/read-models';
import type { GroupBy, SuppressionPolicyName, WaitMeasure } from '@app/read-models';
import { IsCalendarDate, Optional } from '../../http/validators';

export class ReportWindowRequest {
  /** A fixed reporting period: YYYY-MM, YYYY-Qn or FYYYYY-YY (commissioners: the only choice). */
  @Optional() @IsString() @MaxLength(20) period?: string;
  @Optional() @IsCalendarDate() from?: string;
  @Optional() @IsCalendarDate() to?: string;
  @Optional() @IsIn(GROUP_BYS) groupBy?: GroupBy;
  @Optional() @IsIn(SUPPRESSION_POLICIES) suppression?: SuppressionPolicyName;
}

export class WaitingTimesRequest extends ReportWindowRequest {
  @IsIn(WAIT_MEASURES) measure!: WaitMeasure;
  @Optional() @IsCalendarDate() asOf?: string;
}
