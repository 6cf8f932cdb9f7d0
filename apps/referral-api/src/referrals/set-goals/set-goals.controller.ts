import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import type { CommandContext, CommandResult } from '../shared/command-context';
import { CommandCtx } from '../shared/command-context.decorator';
import { uuidParam } from '../shared/timed.request';
import { SetGoalsCommand } from './set-goals.command';
import { SetGoalsRequest } from './set-goals.request';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('v1/referrals')
export class SetGoalsController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Sets up to three goals with the young person, each with its starting score. */
  @Post(':id/goals')
  @HttpCode(200)
  @Roles('link_worker', 'service_manager')
  setGoals(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: SetGoalsRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResult> {
    return this.commandBus.execute(new SetGoalsCommand(id, body, ctx));
  }
}
