import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import {
  CONSENT_BASES,
  CONSENT_GIVERS,
  CONSENT_SCOPES,
  END_REASONS,
  HANDOFF_TARGETS,
  OUTCOME_MEASURES,
  RATERS,
  REFERRAL_REASONS,
  SESSION_FORMATS,
  SESSION_SETTINGS,
  URGENCIES,
  WITHDRAWAL_REASONS,
} from '@app/referral-domain';
import type {
  ConsentBasis,
  ConsentGiver,
  ConsentScope,
  EndReason,
  HandoffTarget,
  OutcomeMeasure,
  OutcomeScore,
  Rater,
  ReferralReason,
  SessionFormat,
  SessionSetting,
  Urgency,
  WithdrawalReason,
} from '@app/referral-domain';
import { Optional } from '../../http/validators';
import { TimedRequest } from '../shared/timed.request';

/* The request bodies of the referral commands (class-validator): unknown fields are refused and every failure names its field. */

export class AcceptReferralRequest extends TimedRequest {
  @IsString() @Length(1, 100) linkWorkerId!: string;
}

export class DeclineReferralRequest extends TimedRequest {
  @IsString() @Length(1, 500) reason!: string;
  @Optional() @IsString() @Length(1, 500) signpostedTo?: string;
}

export class WithdrawReferralRequest extends TimedRequest {
  @IsIn(WITHDRAWAL_REASONS) reason!: WithdrawalReason;
  /** Free text, sealed at rest and never sent to partners. */
  @Optional() @IsString() @Length(1, 500) note?: string;
}

export class AssignLinkWorkerRequest extends TimedRequest {
  @IsString() @Length(1, 100) linkWorkerId!: string;
}

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

export class WithdrawConsentRequest extends TimedRequest {
  @Optional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(CONSENT_SCOPES.length)
  @IsIn(CONSENT_SCOPES, { each: true })
  scopes?: ConsentScope[];
}

export class GoalRequest {
  @Optional() @IsUUID() id?: string;
  @IsString() @Length(1, 500) description!: string;
  @IsInt() @Min(0) @Max(10) score!: number;
  /** The need the goal works on (a referral reason): matches community services through the needs taxonomy. */
  @Optional() @IsIn(REFERRAL_REASONS) need?: ReferralReason;
}

export class SetGoalsRequest extends TimedRequest {
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(3)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => GoalRequest)
  goals!: GoalRequest[];
}

export class RecordGoalScoreRequest extends TimedRequest {
  @IsInt() @Min(0) @Max(10) score!: number;
}

export class HoldSessionRequest extends TimedRequest {
  @IsIn(SESSION_FORMATS) format!: SessionFormat;
  @IsIn(SESSION_SETTINGS) setting!: SessionSetting;
  @IsInt() @Min(1) @Max(600) durationMinutes!: number;
  @IsBoolean() attended!: boolean;
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  activities?: string[];
  @Optional() @IsString() @MaxLength(4000) notes?: string;
}

/** A number, or for ONS4 an object of numeric items; ranges are checked by the domain per measure. */
export function IsOutcomeScore(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isOutcomeScore',
      validator: {
        validate: (v: unknown) =>
          (typeof v === 'number' && Number.isFinite(v)) ||
          (typeof v === 'object' &&
            v !== null &&
            !Array.isArray(v) &&
            Object.keys(v).length <= 4 &&
            Object.values(v).every((x) => typeof x === 'number' && Number.isFinite(x))),
        defaultMessage: () => 'score must be a number, or for ONS4 an object of numeric items',
      },
    },
    options,
  );
}

export class RecordOutcomeRequest extends TimedRequest {
  @IsIn(OUTCOME_MEASURES) measure!: OutcomeMeasure;
  @IsIn(RATERS) rater!: Rater;
  @IsOutcomeScore() score!: OutcomeScore;
}

export class SafeguardingRequest {
  @IsString()
  @Length(10, 2000, {
    message: 'safeguarding.justification must say why sharing is necessary (10-2000 characters)',
  })
  justification!: string;
}

export class RequestHandoffRequest extends TimedRequest {
  @IsIn(HANDOFF_TARGETS) target!: HandoffTarget;
  @IsString() @Length(1, 2000) reason!: string;
  @IsIn(URGENCIES) urgency!: Urgency;
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => SafeguardingRequest)
  safeguarding?: SafeguardingRequest;
}

export class AnswerHandoffRequest extends TimedRequest {
  @Optional() @IsString() @Length(1, 2000) reason?: string;
  @Optional() @IsString() @Length(1, 200) reference?: string;
}

export class EndReferralRequest extends TimedRequest {
  @IsIn(END_REASONS) reason!: EndReason;
}

export class PlaceLegalHoldRequest extends TimedRequest {
  @IsString() @Length(5, 1000) reason!: string;
}

export class LiftLegalHoldRequest extends TimedRequest {
  @IsString() @Length(5, 1000) reason!: string;
}

export class ErasePersonalDataRequest extends TimedRequest {
  @IsString() @Length(5, 1000) reason!: string;
}
