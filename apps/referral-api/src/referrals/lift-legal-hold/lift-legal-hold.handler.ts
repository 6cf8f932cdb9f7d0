import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../shared/command-context';
import { ReferralCommandRunner } from '../shared/referral-command.runner';
import { timed } from '../shared/timed.request';
import { LiftLegalHoldCommand } from './lift-legal-hold.command';

@CommandHandler(LiftLegalHoldCommand)
export class LiftLegalHoldHandler implements ICommandHandler<LiftLegalHoldCommand, CommandResult> {
  constructor(private readonly runner: ReferralCommandRunner) {}

  execute({ referralId, request, context }: LiftLegalHoldCommand): Promise<CommandResult> {
    return this.runner.run(context, 'records', (now) => ({
      type: 'LiftLegalHold',
      ...timed(referralId, request, now),
      reason: request.reason,
    }));
  }
}
