import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsInt,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Optional } from '../../http/validators';
import { TimedRequest } from '../shared/timed.request';

export class GoalRequest {
  @Optional() @IsUUID() id?: string;
  @IsString() @Length(1, 500) description!: string;
  @IsInt() @Min(0) @Max(10) score!: number;
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
