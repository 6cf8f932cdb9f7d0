import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../shared/command-context';
import { ReferralCommandRunner } from '../shared/referral-command.runner';
import { timed } from '../shared/timed.request';
import { AcceptReferralCommand } from './accept-referral.command';

@CommandHandler(AcceptReferralCommand)
export class AcceptReferralHandler implements ICommandHandler<AcceptReferralCommand, CommandResult> {
  constructor(private readonly runner: ReferralCommandRunner) {}

  execute({ referralId, request, context }: AcceptReferralCommand): Promise<CommandResult> {
    return this.runner.run(context, 'accept', (now) => ({
      type: 'AcceptReferral',
      ...timed(referralId, request, now),
      linkWorkerId: request.linkWorkerId,
    }));
  }
}
