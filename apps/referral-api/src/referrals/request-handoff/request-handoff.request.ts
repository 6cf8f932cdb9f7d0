import { Type } from 'class-transformer';
import { IsIn, IsObject, IsString, Length, ValidateNested } from 'class-validator';
import { HANDOFF_TARGETS, URGENCIES } from '@app/referral-domain';
import type { HandoffTarget, Urgency } from '@app/referral-domain';
import { Optional } from '../../http/validators';
import { TimedRequest } from '../shared/timed.request';

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
