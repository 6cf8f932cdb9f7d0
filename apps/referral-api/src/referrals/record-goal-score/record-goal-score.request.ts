import { IsInt, Max, Min } from 'class-validator';
import { TimedRequest } from '../shared/timed.request';

export class RecordGoalScoreRequest extends TimedRequest {
  @IsInt() @Min(0) @Max(10) score!: number;
}
