import { Type } from 'class-transformer';
import {
  IsIn,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, Optional } from '../../http/validators';
import { DUPLICATE_DECISIONS, TRANSFER_REASONS } from '@app/referral-domain';
import type { DuplicateDecision, TransferReason } from '@app/referral-domain';
import { TimedRequest } from '../shared/timed.request';

/** An object with at least one of these fields. */
export const HasSomeField = (fields: readonly string[]) =>
  ValidateBy({
    name: 'hasSomeField',
    validator: {
      validate: (v: unknown) =>
        typeof v === 'object' &&
        v !== null &&
        fields.some((f) => (v as Record<string, unknown>)[f] !== undefined),
      defaultMessage: (args) => `${args?.property ?? 'value'} must give at least one of ${fields.join(', ')}`,
    },
  });

/** Settles a possible-duplicate flag between this referral and another. */
export class ResolveDuplicateRequest extends TimedRequest {
  /** `merge`: this referral is closed as a duplicate of the other; `keep_both`: they are separate episodes. */
  @IsIn(DUPLICATE_DECISIONS) decision!: DuplicateDecision;
  /** The other referral: for `merge`, the open referral of the same team that carries on. */
  @IsUUID() duplicateOf!: string;
}

/** The demographics to put right: only the fields given change. */
export class DemographicsCorrectionRequest {
  @Optional() @IsString() @Length(1, 100) givenName?: string;
  @Optional() @IsString() @Length(1, 100) familyName?: string;
  @Optional() @IsCalendarDate() dateOfBirth?: string;
  @Optional()
  @Matches(/^\d{3}[ -]?\d{3}[ -]?\d{4}$/, { message: 'nhsNumber must be 10 digits, optionally spaced 3-3-4' })
  nhsNumber?: string;
  @Optional()
  @Matches(/^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$/, { message: 'postcode must be a UK postcode' })
  postcode?: string;
}

export class CorrectDemographicsRequest extends TimedRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => DemographicsCorrectionRequest)
  @HasSomeField(['givenName', 'familyName', 'dateOfBirth', 'nhsNumber', 'postcode'])
  youngPerson!: DemographicsCorrectionRequest;
  /** Why the record was wrong (sealed at rest, shown in the history to those who may read it). */
  @IsString() @Length(1, 500) reason!: string;
}

/** Moves a referral to another link worker, another team, or both. */
export class TransferReferralRequest extends TimedRequest {
  @Optional() @IsString() @Length(1, 100) toLinkWorkerId?: string;
  @Optional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { message: 'toTeam must be a team name' })
  toTeam?: string;
  @IsIn(TRANSFER_REASONS) reason!: TransferReason;
  /** Free text, sealed at rest. */
  @Optional() @IsString() @Length(1, 500) note?: string;
}
