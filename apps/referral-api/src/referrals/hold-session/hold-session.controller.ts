import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import type { CommandContext, CommandResult } from '../shared/command-context';
import { CommandCtx } from '../shared/command-context.decorator';
import { uuidParam } from '../shared/timed.request';
import { HoldSessionCommand } from './hold-session.command';
import { HoldSessionRequest } from './hold-session.request';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('v1/referrals')
export class HoldSessionController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Records a session held (or missed) with the young person. */
  @Post(':id/sessions')
  @HttpCode(200)
  @Roles('link_worker', 'service_manager')
  holdSession(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: HoldSessionRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResult> {
    return this.commandBus.execute(new HoldSessionCommand(id, body, ctx));
  }
}
