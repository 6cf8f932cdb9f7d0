import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { REFERRAL_REASONS, REFERRAL_SOURCE_KINDS, REFERRAL_STATUSES, URGENCIES } from '@app/referral-domain';
import { IsCalendarDate, IsNhsNumber, Optional } from '../../http/validators';

const STATUS_LIST = new RegExp(`^(${REFERRAL_STATUSES.join('|')})(,(${REFERRAL_STATUSES.join('|')}))*$`);

/** Filters, order and page of `GET /v1/referrals`; any other parameter is refused (400). */
export class SearchReferralsRequest {
  /** One status or several, comma-separated. */
  @Optional()
  @Matches(STATUS_LIST, {
    message: `status must be one or more of ${REFERRAL_STATUSES.join(', ')}, comma-separated`,
  })
  status?: string;
  @Optional()
  @IsString()
  @Matches(/^[^\u0000-\u001f\u007f]{1,100}$/, { message: 'linkWorkerId must be 1 to 100 characters' })
  linkWorkerId?: string;
  @Optional() @IsIn(REFERRAL_SOURCE_KINDS) sourceKind?: string;
  @Optional()
  @Matches(/^[A-Z0-9]{3,10}$/, { message: 'organisationCode must be an ODS code' })
  organisationCode?: string;
  @Optional() @Matches(/^[A-Z0-9]{3,10}$/, { message: 'pcnCode must be a PCN code' }) pcnCode?: string;
  @Optional() @IsCalendarDate() receivedFrom?: string;
  @Optional() @IsCalendarDate() receivedTo?: string;
  @Optional() @IsIn(URGENCIES) urgency?: string;
  @Optional() @IsIn(REFERRAL_REASONS) reason?: string;
  @Optional() @IsIn(['5-10', '11-15', '16-19', 'other']) ageBand?: string;
  /** The young person's NHS number (spaces allowed): matched exactly through the keyed blind index. */
  @Optional() @IsNhsNumber() nhsNumber?: string;
  /** Words of the young person's name (given, family or both, any order, case and accents ignored). */
  @Optional()
  @IsString()
  @Matches(/^[^\u0000-\u001f\u007f]*\p{L}[^\u0000-\u001f\u007f]*$/u, {
    message: 'name must contain letters and no control characters',
  })
  @MaxLength(100)
  name?: string;
  /** The young person's date of birth. */
  @Optional() @IsCalendarDate() dateOfBirth?: string;
  /** `receivedAt` (oldest first) or `-receivedAt` (newest first, the default). */
  @Optional() @IsIn(['receivedAt', '-receivedAt']) sort?: 'receivedAt' | '-receivedAt';
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  /** `next` of the previous page, to read on. */
  @Optional() @IsString() @MaxLength(600) cursor?: string;
}
