import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import type { CommandContext, CommandResult } from '../shared/command-context';
import { CommandCtx } from '../shared/command-context.decorator';
import { uuidParam } from '../shared/timed.request';
import { LiftLegalHoldCommand } from './lift-legal-hold.command';
import { LiftLegalHoldRequest } from './lift-legal-hold.request';

@ApiTags('records management')
@ApiBearerAuth()
@Controller('v1/referrals')
export class LiftLegalHoldController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Lifts the legal hold. */
  @Post(':id/legal-hold/lift')
  @HttpCode(200)
  @Roles('service_manager')
  liftLegalHold(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: LiftLegalHoldRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResult> {
    return this.commandBus.execute(new LiftLegalHoldCommand(id, body, ctx));
  }
}
