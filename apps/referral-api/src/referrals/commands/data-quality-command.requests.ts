import { IsIn, IsUUID } from 'class-validator';
import { DUPLICATE_DECISIONS } from '@app/referral-domain';
import type { DuplicateDecision } from '@app/referral-domain';
import { TimedRequest } from '../shared/timed.request';

/** Settles a possible-duplicate flag between this referral and another. */
export class ResolveDuplicateRequest extends TimedRequest {
  /** `merge`: this referral is closed as a duplicate of the other; `keep_both`: they are separate episodes. */
  @IsIn(DUPLICATE_DECISIONS) decision!: DuplicateDecision;
  /** The other referral: for `merge`, the open referral of the same team that carries on. */
  @IsUUID() duplicateOf!: string;
}
