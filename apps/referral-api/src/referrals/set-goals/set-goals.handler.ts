import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IDS, IdGenerator } from '../../infrastructure/clock';
import type { CommandResult } from '../shared/command-context';
import { ReferralCommandRunner } from '../shared/referral-command.runner';
import { timed } from '../shared/timed.request';
import { SetGoalsCommand } from './set-goals.command';

@CommandHandler(SetGoalsCommand)
export class SetGoalsHandler implements ICommandHandler<SetGoalsCommand, CommandResult> {
  constructor(
    private readonly runner: ReferralCommandRunner,
    @Inject(IDS) private readonly ids: IdGenerator,
  ) {}

  execute({ referralId, request, context }: SetGoalsCommand): Promise<CommandResult> {
    return this.runner.run(context, 'care', (now) => ({
      type: 'SetGoals',
      ...timed(referralId, request, now),
      goals: request.goals.map((g) => ({
        goalId: g.id ?? this.ids.uuid(),
        description: g.description,
        score: g.score,
      })),
    }));
  }
}
