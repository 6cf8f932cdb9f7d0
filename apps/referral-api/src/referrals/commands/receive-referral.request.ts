import { CorrectionRequest } from '../shared/timed.request';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsEmail,
  IsIn,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { REFERRAL_REASONS, REFERRAL_SOURCE_KINDS, URGENCIES } from '@app/referral-domain';
import type { ReferralReason, ReferralSourceKind, Urgency } from '@app/referral-domain';
import { IsCalendarDate, IsIsoDateTime, Optional } from '../../http/validators';

export const ODS_CODE = /^[A-Za-z0-9]{1,9}$/;

export class ReferralSourceRequest {
  @IsIn(REFERRAL_SOURCE_KINDS) kind!: ReferralSourceKind;
  @Optional()
  @Matches(ODS_CODE, { message: 'organisationCode must be an ODS code: 1-9 letters or digits' })
  organisationCode?: string;
  @Optional() @IsString() @Length(1, 200) referrerName?: string;
}

export class YoungPersonRequest {
  @IsString() @Length(1, 100) givenName!: string;
  @IsString() @Length(1, 100) familyName!: string;
  @IsCalendarDate() dateOfBirth!: string;
  @Optional()
  @Matches(/^\d{3}[ -]?\d{3}[ -]?\d{4}$/, { message: 'nhsNumber must be 10 digits, optionally spaced 3-3-4' })
  nhsNumber?: string;
  @Optional()
  @Matches(/^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$/, { message: 'postcode must be a UK postcode' })
  postcode?: string;
  @Optional() @IsString() @Length(1, 50) gender?: string;
  @Optional() @IsString() @Length(1, 80) ethnicity?: string;
}

export class ParentCarerRequest {
  @IsString() @Length(1, 200) name!: string;
  @IsString() @Length(1, 80) relationship!: string;
  @Optional()
  @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'phone must be a telephone number' })
  phone?: string;
  @Optional() @IsEmail() @MaxLength(254) email?: string;
}

export class ReceiveReferralRequest {
  // Version 4 only: other versions are the ids derived from partners' messages (v5), which a caller
  // choosing its own id must never be able to take first.
  @Optional()
  @IsUUID('4', {
    message:
      'id must be a random UUID (version 4); other versions are reserved for referrals from partner messages',
  })
  id?: string;
  @Optional() @IsIsoDateTime() receivedAt?: string;
  @Optional() @IsObject() @ValidateNested() @Type(() => CorrectionRequest) correction?: CorrectionRequest;
  // @ValidateNested alone lets a missing object, or an array, through; @IsObject refuses both.
  @IsObject() @ValidateNested() @Type(() => ReferralSourceRequest) source!: ReferralSourceRequest;
  @IsObject() @ValidateNested() @Type(() => YoungPersonRequest) youngPerson!: YoungPersonRequest;
  @Optional() @IsObject() @ValidateNested() @Type(() => ParentCarerRequest) parentCarer?: ParentCarerRequest;
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(REFERRAL_REASONS.length)
  @IsIn(REFERRAL_REASONS, { each: true })
  reasons!: ReferralReason[];
  @Optional()
  @Matches(ODS_CODE, { message: 'pcnCode must be an ODS code: 1-9 letters or digits' })
  pcnCode?: string;
  @Optional() @Matches(/^\d{6}$/, { message: 'schoolUrn must be a 6-digit URN' }) schoolUrn?: string;
  @Optional() @IsIn(URGENCIES) urgency?: Urgency;
  @Optional() @IsString() @MaxLength(4000) notes?: string;
  /**
   * A re-referral: the referral of the same young person whose support ended (or that was declined or
   * withdrawn). The new referral opens the next episode, with clocks of its own.
   */
  @Optional() @IsUUID() previousReferralId?: string;
}
