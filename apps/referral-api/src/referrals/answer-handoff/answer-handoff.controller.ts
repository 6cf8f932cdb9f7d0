import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import type { CommandContext, CommandResult } from '../shared/command-context';
import { CommandCtx } from '../shared/command-context.decorator';
import { uuidParam } from '../shared/timed.request';
import { AnswerHandoffCommand } from './answer-handoff.command';
import { AnswerHandoffRequest } from './answer-handoff.request';

@ApiTags('handoffs')
@ApiBearerAuth()
@Controller('v1/referrals/:id/handoffs/:handoffId')
export class AnswerHandoffController {
  constructor(private readonly commandBus: CommandBus) {}

  /** The partner accepted the handoff; `reference` is their own case reference. */
  @Post('acknowledge')
  @HttpCode(200)
  @Roles('integration', 'link_worker', 'service_manager')
  acknowledge(
    @Param('id', uuidParam('id')) id: string,
    @Param('handoffId', uuidParam('handoffId')) handoffId: string,
    @Body() body: AnswerHandoffRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResult> {
    return this.commandBus.execute(new AnswerHandoffCommand(id, handoffId, 'acknowledge', body, ctx));
  }

  /** The partner declined the handoff, with their reason. */
  @Post('reject')
  @HttpCode(200)
  @Roles('integration', 'link_worker', 'service_manager')
  reject(
    @Param('id', uuidParam('id')) id: string,
    @Param('handoffId', uuidParam('handoffId')) handoffId: string,
    @Body() body: AnswerHandoffRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResult> {
    return this.commandBus.execute(new AnswerHandoffCommand(id, handoffId, 'reject', body, ctx));
  }
}
