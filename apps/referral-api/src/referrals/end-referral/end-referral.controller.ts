import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import type { CommandContext, CommandResult } from '../shared/command-context';
import { CommandCtx } from '../shared/command-context.decorator';
import { uuidParam } from '../shared/timed.request';
import { EndReferralCommand } from './end-referral.command';
import { EndReferralRequest } from './end-referral.request';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('v1/referrals')
export class EndReferralController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Ends support. */
  @Post(':id/end')
  @HttpCode(200)
  @Roles('link_worker', 'service_manager')
  endReferral(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: EndReferralRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResult> {
    return this.commandBus.execute(new EndReferralCommand(id, body, ctx));
  }
}
