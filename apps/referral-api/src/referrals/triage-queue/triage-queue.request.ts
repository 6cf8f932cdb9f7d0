import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { Optional } from '../../http/validators';

export class TriageQueueRequest {
  /** One of the caller's teams (default: all of them). */
  @Optional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'team must name a team' })
  team?: string;
  /** How many referrals to return, most pressing first (default 50). */
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}
