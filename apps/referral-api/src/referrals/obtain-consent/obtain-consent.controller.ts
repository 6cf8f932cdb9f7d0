import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import type { CommandContext, CommandResult } from '../shared/command-context';
import { CommandCtx } from '../shared/command-context.decorator';
import { uuidParam } from '../shared/timed.request';
import { ObtainConsentCommand } from './obtain-consent.command';
import { ObtainConsentRequest } from './obtain-consent.request';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('v1/referrals')
export class ObtainConsentController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Records consent; the support scope makes the referral active. */
  @Post(':id/consent')
  @HttpCode(200)
  @Roles('link_worker', 'service_manager')
  obtainConsent(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ObtainConsentRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResult> {
    return this.commandBus.execute(new ObtainConsentCommand(id, body, ctx));
  }
}
