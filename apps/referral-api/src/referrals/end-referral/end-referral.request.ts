import { IsIn } from 'class-validator';
import { END_REASONS } from '@app/referral-domain';
import type { EndReason } from '@app/referral-domain';
import { TimedRequest } from '../shared/timed.request';

export class EndReferralRequest extends TimedRequest {
  @IsIn(END_REASONS) reason!: EndReason;
}
