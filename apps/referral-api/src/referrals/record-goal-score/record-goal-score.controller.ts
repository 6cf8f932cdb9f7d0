import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import type { CommandContext, CommandResult } from '../shared/command-context';
import { CommandCtx } from '../shared/command-context.decorator';
import { uuidParam } from '../shared/timed.request';
import { RecordGoalScoreCommand } from './record-goal-score.command';
import { RecordGoalScoreRequest } from './record-goal-score.request';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('v1/referrals')
export class RecordGoalScoreController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Records a new 0-10 score for a goal. */
  @Post(':id/goals/:goalId/scores')
  @HttpCode(200)
  @Roles('link_worker', 'service_manager')
  recordGoalScore(
    @Param('id', uuidParam('id')) id: string,
    @Param('goalId') goalId: string,
    @Body() body: RecordGoalScoreRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResult> {
    return this.commandBus.execute(new RecordGoalScoreCommand(id, goalId, body, ctx));
  }
}
