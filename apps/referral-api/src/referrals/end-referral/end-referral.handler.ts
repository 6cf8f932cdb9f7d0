import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../shared/command-context';
import { ReferralCommandRunner } from '../shared/referral-command.runner';
import { timed } from '../shared/timed.request';
import { EndReferralCommand } from './end-referral.command';

@CommandHandler(EndReferralCommand)
export class EndReferralHandler implements ICommandHandler<EndReferralCommand, CommandResult> {
  constructor(private readonly runner: ReferralCommandRunner) {}

  execute({ referralId, request, context }: EndReferralCommand): Promise<CommandResult> {
    return this.runner.run(context, 'care', (now) => ({
      type: 'EndReferral',
      ...timed(referralId, request, now),
      reason: request.reason,
    }));
  }
}
