import { Type } from 'class-transformer';
import { IsInt, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsIsoDateTime, Optional } from '../../http/validators';

export class AccessLogRequest {
  @Optional() @IsUUID() referralId?: string;
  @Optional() @IsString() @Length(1, 200) actor?: string;
  @Optional() @IsIsoDateTime() from?: string;
  @Optional() @IsIsoDateTime() to?: string;
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}
