import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IDS, IdGenerator } from '../../infrastructure/clock';
import type { CommandResult } from '../shared/command-context';
import { ReferralCommandRunner } from '../shared/referral-command.runner';
import { timed } from '../shared/timed.request';
import { RecordOutcomeCommand } from './record-outcome.command';

@CommandHandler(RecordOutcomeCommand)
export class RecordOutcomeHandler implements ICommandHandler<RecordOutcomeCommand, CommandResult> {
  constructor(
    private readonly runner: ReferralCommandRunner,
    @Inject(IDS) private readonly ids: IdGenerator,
  ) {}

  execute({ referralId, request, context }: RecordOutcomeCommand): Promise<CommandResult> {
    return this.runner.run(context, 'care', (now) => ({
      type: 'RecordOutcome',
      ...timed(referralId, request, now),
      outcomeId: this.ids.uuid(),
      measure: request.measure,
      rater: request.rater,
      score: request.score,
    }));
  }
}
