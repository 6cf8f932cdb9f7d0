import { ArrayNotEmpty, ArrayMaxSize, IsArray, IsIn, IsString, Length } from 'class-validator';
import { CONSENT_BASES, CONSENT_GIVERS, CONSENT_SCOPES } from '@app/referral-domain';
import type { ConsentBasis, ConsentGiver, ConsentScope } from '@app/referral-domain';
import { Optional } from '../../http/validators';
import { TimedRequest } from '../shared/timed.request';

export class ObtainConsentRequest extends TimedRequest {
  @IsIn(CONSENT_GIVERS) givenBy!: ConsentGiver;
  @IsIn(CONSENT_BASES) basis!: ConsentBasis;
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(CONSENT_SCOPES.length)
  @IsIn(CONSENT_SCOPES, { each: true })
  scopes!: ConsentScope[];
  @Optional() @IsString() @Length(1, 200) competenceAssessedBy?: string;
}
