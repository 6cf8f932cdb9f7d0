import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import type { CommandContext, CommandResult } from '../shared/command-context';
import { CommandCtx } from '../shared/command-context.decorator';
import { uuidParam } from '../shared/timed.request';
import { RecordOutcomeCommand } from './record-outcome.command';
import { RecordOutcomeRequest } from './record-outcome.request';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('v1/referrals')
export class RecordOutcomeController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Records an outcome measure score; the range is checked per measure. */
  @Post(':id/outcomes')
  @HttpCode(200)
  @Roles('link_worker', 'service_manager')
  recordOutcome(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: RecordOutcomeRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResult> {
    return this.commandBus.execute(new RecordOutcomeCommand(id, body, ctx));
  }
}
