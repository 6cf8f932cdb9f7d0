import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { SESSION_FORMATS, SESSION_SETTINGS } from '@app/referral-domain';
import type { SessionFormat, SessionSetting } from '@app/referral-domain';
import { Optional } from '../../http/validators';
import { TimedRequest } from '../shared/timed.request';

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
