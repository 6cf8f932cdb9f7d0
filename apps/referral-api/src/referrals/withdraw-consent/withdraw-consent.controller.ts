import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import type { CommandContext, CommandResult } from '../shared/command-context';
import { CommandCtx } from '../shared/command-context.decorator';
import { uuidParam } from '../shared/timed.request';
import { WithdrawConsentCommand } from './withdraw-consent.command';
import { WithdrawConsentRequest } from './withdraw-consent.request';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('v1/referrals')
export class WithdrawConsentController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Withdraws some or (without scopes) all consent; withdrawing support pauses the referral. */
  @Post(':id/consent/withdraw')
  @HttpCode(200)
  @Roles('link_worker', 'service_manager')
  withdrawConsent(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: WithdrawConsentRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResult> {
    return this.commandBus.execute(new WithdrawConsentCommand(id, body, ctx));
  }
}
