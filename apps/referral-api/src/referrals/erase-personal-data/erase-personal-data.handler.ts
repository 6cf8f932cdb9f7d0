import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PERSONAL_DATA_KEYS, PersonalDataKeys } from '../../infrastructure/personal-data-keys';
import type { CommandResult } from '../shared/command-context';
import { ReferralCommandRunner } from '../shared/referral-command.runner';
import { timed } from '../shared/timed.request';
import { ErasePersonalDataCommand } from './erase-personal-data.command';

/**
 * Records the erasure (refused under a legal hold), then destroys the referral's data key: the events
 * stay, their personal fields can no longer be read. A crash between the two is finished by the
 * retention job, which destroys keys of referrals already marked erased.
 */
@CommandHandler(ErasePersonalDataCommand)
export class ErasePersonalDataHandler implements ICommandHandler<ErasePersonalDataCommand, CommandResult> {
  constructor(
    private readonly runner: ReferralCommandRunner,
    @Inject(PERSONAL_DATA_KEYS) private readonly keys: PersonalDataKeys,
  ) {}

  async execute({
    referralId,
    reason,
    basis,
    context,
    at,
  }: ErasePersonalDataCommand): Promise<CommandResult> {
    const result = await this.runner.run(context, 'records', (now) => ({
      type: 'ErasePersonalData',
      ...timed(referralId, { at }, now),
      reason,
      basis,
    }));
    await this.keys.erase(referralId);
    return result;
  }
}
