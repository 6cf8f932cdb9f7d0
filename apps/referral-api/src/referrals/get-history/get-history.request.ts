import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsIsoDateTime, Optional } from '../../http/validators';

export class GetHistoryRequest {
  /** Replay what the system had recorded by this time. */
  @Optional() @IsIsoDateTime() asOf?: string;
  /** Replay up to and including this version. */
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) version?: number;
}
