import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import { uuidParam } from '../../referrals/shared/timed.request';
import { VerifyReferralQuery } from './verify-referral.query';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/referrals')
export class VerifyReferralController {
  constructor(private readonly queryBus: QueryBus) {}

  /** Whether the referral's history is unaltered: `{ id, valid, checkedEvents, firstBrokenVersion? }`. */
  @Get(':id/verify')
  @ApiOperation({
    operationId: 'verifyReferral',
    summary: "Checks the referral's hash chain and signatures, event by event",
  })
  @Roles('auditor', 'service_manager')
  verify(@Param('id', uuidParam('id')) id: string): Promise<unknown> {
    return this.queryBus.execute(new VerifyReferralQuery(id));
  }
}
