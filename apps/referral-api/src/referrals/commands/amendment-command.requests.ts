import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { SESSION_FORMATS, SESSION_SETTINGS } from '@app/referral-domain';
import type { OutcomeScore, SessionFormat, SessionSetting } from '@app/referral-domain';
import { IsIsoDateTime, Optional } from '../../http/validators';
import { TimedRequest } from '../shared/timed.request';
import { HasSomeField } from './data-quality-command.requests';
import { IsOutcomeScore } from './referral-command.requests';

/** The fields of a recorded session to put right: only those given change. */
export class SessionChangesRequest {
  @Optional() @IsIsoDateTime() at?: string;
  @Optional() @IsIn(SESSION_FORMATS) format?: SessionFormat;
  @Optional() @IsIn(SESSION_SETTINGS) setting?: SessionSetting;
  @Optional() @IsInt() @Min(1) @Max(600) durationMinutes?: number;
  @Optional() @IsBoolean() attended?: boolean;
}

export class AmendSessionRequest extends TimedRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => SessionChangesRequest)
  @HasSomeField(['at', 'format', 'setting', 'durationMinutes', 'attended'])
  changes!: SessionChangesRequest;
  /** Why the record was wrong (sealed at rest). */
  @IsString() @Length(1, 500) reason!: string;
}

export class AmendOutcomeRequest extends TimedRequest {
  /** The score as it should have been recorded; the range is checked against the outcome's measure. */
  @IsOutcomeScore() score!: OutcomeScore;
  @IsString() @Length(1, 500) reason!: string;
}

export class VoidOutcomeRequest extends TimedRequest {
  @IsString() @Length(1, 500) reason!: string;
}
