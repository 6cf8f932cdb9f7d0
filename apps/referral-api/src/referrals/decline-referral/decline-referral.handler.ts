import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../shared/command-context';
import { ReferralCommandRunner } from '../shared/referral-command.runner';
import { timed } from '../shared/timed.request';
import { DeclineReferralCommand } from './decline-referral.command';

@CommandHandler(DeclineReferralCommand)
export class DeclineReferralHandler implements ICommandHandler<DeclineReferralCommand, CommandResult> {
  constructor(private readonly runner: ReferralCommandRunner) {}

  execute({ referralId, request, context }: DeclineReferralCommand): Promise<CommandResult> {
    return this.runner.run(context, 'decline', (now) => ({
      type: 'DeclineReferral',
      ...timed(referralId, request, now),
      reason: request.reason,
      signpostedTo: request.signpostedTo,
    }));
  }
}
