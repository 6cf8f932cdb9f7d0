import { IsString, Length } from 'class-validator';
import { Optional } from '../../http/validators';
import { TimedRequest } from '../shared/timed.request';

export class DeclineReferralRequest extends TimedRequest {
  @IsString() @Length(1, 500) reason!: string;
  @Optional() @IsString() @Length(1, 500) signpostedTo?: string;
}
