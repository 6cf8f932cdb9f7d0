import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../shared/command-context';
import { ReferralCommandRunner } from '../shared/referral-command.runner';
import { timed } from '../shared/timed.request';
import { RecordGoalScoreCommand } from './record-goal-score.command';

@CommandHandler(RecordGoalScoreCommand)
export class RecordGoalScoreHandler implements ICommandHandler<RecordGoalScoreCommand, CommandResult> {
  constructor(private readonly runner: ReferralCommandRunner) {}

  execute({ referralId, goalId, request, context }: RecordGoalScoreCommand): Promise<CommandResult> {
    return this.runner.run(context, 'care', (now) => ({
      type: 'RecordGoalScore',
      ...timed(referralId, request, now),
      goalId,
      score: request.score,
    }));
  }
}
