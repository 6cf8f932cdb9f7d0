import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../shared/command-context';
import { ReferralCommandRunner } from '../shared/referral-command.runner';
import { timed } from '../shared/timed.request';
import { PlaceLegalHoldCommand } from './place-legal-hold.command';

@CommandHandler(PlaceLegalHoldCommand)
export class PlaceLegalHoldHandler implements ICommandHandler<PlaceLegalHoldCommand, CommandResult> {
  constructor(private readonly runner: ReferralCommandRunner) {}

  execute({ referralId, request, context }: PlaceLegalHoldCommand): Promise<CommandResult> {
    return this.runner.run(context, 'records', (now) => ({
      type: 'PlaceLegalHold',
      ...timed(referralId, request, now),
      reason: request.reason,
    }));
  }
}
