import { ArrayNotEmpty, ArrayMaxSize, IsArray, IsIn } from 'class-validator';
import { CONSENT_SCOPES } from '@app/referral-domain';
import type { ConsentScope } from '@app/referral-domain';
import { Optional } from '../../http/validators';
import { TimedRequest } from '../shared/timed.request';

export class WithdrawConsentRequest extends TimedRequest {
  @Optional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(CONSENT_SCOPES.length)
  @IsIn(CONSENT_SCOPES, { each: true })
  scopes?: ConsentScope[];
}
