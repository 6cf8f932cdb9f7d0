import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import type { CommandContext, CommandResult } from '../shared/command-context';
import { CommandCtx } from '../shared/command-context.decorator';
import { uuidParam } from '../shared/timed.request';
import { AcceptReferralCommand } from './accept-referral.command';
import { AcceptReferralRequest } from './accept-referral.request';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('v1/referrals/:id/accept')
export class AcceptReferralController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Accepts a referral awaiting triage to a link worker (a link worker accepts to themselves). */
  @Post()
  @HttpCode(200)
  @Roles('link_worker', 'service_manager')
  accept(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: AcceptReferralRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResult> {
    return this.commandBus.execute(new AcceptReferralCommand(id, body, ctx));
  }
}
