import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../shared/command-context';
import { ReferralCommandRunner } from '../shared/referral-command.runner';
import { timed } from '../shared/timed.request';
import { WithdrawConsentCommand } from './withdraw-consent.command';

@CommandHandler(WithdrawConsentCommand)
export class WithdrawConsentHandler implements ICommandHandler<WithdrawConsentCommand, CommandResult> {
  constructor(private readonly runner: ReferralCommandRunner) {}

  execute({ referralId, request, context }: WithdrawConsentCommand): Promise<CommandResult> {
    return this.runner.run(context, 'care', (now) => ({
      type: 'WithdrawConsent',
      ...timed(referralId, request, now),
      scopes: request.scopes,
    }));
  }
}
