import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Optional } from '../../http/validators';

const MAX_TREE = 1_000_000_000_000;

export class ConsistencyRequest {
  @Type(() => Number) @IsInt() @Min(1) @Max(MAX_TREE) from!: number;
  @Type(() => Number) @IsInt() @Min(1) @Max(MAX_TREE) to!: number;
}

export class InclusionRequest {
  /** The checkpoint to prove against, by its number of events; default the newest. */
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_TREE) treeSize?: number;
}
