import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import type { CommandContext, CommandResult } from '../shared/command-context';
import { CommandCtx } from '../shared/command-context.decorator';
import { uuidParam } from '../shared/timed.request';
import { DeclineReferralCommand } from './decline-referral.command';
import { DeclineReferralRequest } from './decline-referral.request';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('v1/referrals')
export class DeclineReferralController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Declines a referral awaiting triage, saying where the young person was signposted. */
  @Post(':id/decline')
  @HttpCode(200)
  @Roles('link_worker', 'service_manager')
  declineReferral(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: DeclineReferralRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResult> {
    return this.commandBus.execute(new DeclineReferralCommand(id, body, ctx));
  }
}
