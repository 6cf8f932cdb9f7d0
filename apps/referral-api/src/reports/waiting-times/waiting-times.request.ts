import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { REFERRAL_SOURCE_KINDS } from '@app/referral-domain';
import { GROUP_BYS, SUPPRESSION_POLICIES, WAIT_MEASURES } from '@app/read-models';

const WAIT_AGE_BANDS = ['5-10', '11-15', '16-19', 'other'] as const;
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
  /** Only referrals registered with this primary care network (its ODS code), or `unknown`. */
  @Optional()
  @Matches(/^(?:[A-Z0-9]{3,10}|unknown)$/, { message: 'pcn must be a PCN code (e.g. U12345) or unknown' })
  pcn?: string;
  /** Only referrals from this kind of source. */
  @Optional() @IsIn(REFERRAL_SOURCE_KINDS) source?: string;
  /** Only referrals of young people in this age band at referral. */
  @Optional() @IsIn(WAIT_AGE_BANDS) ageBand?: string;
}
