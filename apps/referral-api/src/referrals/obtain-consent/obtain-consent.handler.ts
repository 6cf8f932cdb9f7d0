import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../shared/command-context';
import { ReferralCommandRunner } from '../shared/referral-command.runner';
import { timed } from '../shared/timed.request';
import { ObtainConsentCommand } from './obtain-consent.command';

@CommandHandler(ObtainConsentCommand)
export class ObtainConsentHandler implements ICommandHandler<ObtainConsentCommand, CommandResult> {
  constructor(private readonly runner: ReferralCommandRunner) {}

  execute({ referralId, request, context }: ObtainConsentCommand): Promise<CommandResult> {
    return this.runner.run(context, 'care', (now) => ({
      type: 'ObtainConsent',
      ...timed(referralId, request, now),
      givenBy: request.givenBy,
      basis: request.basis,
      scopes: request.scopes,
      competenceAssessedBy: request.competenceAssessedBy,
    }));
  }
}
