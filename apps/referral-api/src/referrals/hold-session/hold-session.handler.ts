import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IDS, IdGenerator } from '../../infrastructure/clock';
import type { CommandResult } from '../shared/command-context';
import { ReferralCommandRunner } from '../shared/referral-command.runner';
import { timed } from '../shared/timed.request';
import { HoldSessionCommand } from './hold-session.command';

@CommandHandler(HoldSessionCommand)
export class HoldSessionHandler implements ICommandHandler<HoldSessionCommand, CommandResult> {
  constructor(
    private readonly runner: ReferralCommandRunner,
    @Inject(IDS) private readonly ids: IdGenerator,
  ) {}

  execute({ referralId, request, context }: HoldSessionCommand): Promise<CommandResult> {
    return this.runner.run(context, 'care', (now) => ({
      type: 'HoldSession',
      ...timed(referralId, request, now),
      sessionId: this.ids.uuid(),
      format: request.format,
      setting: request.setting,
      durationMinutes: request.durationMinutes,
      attended: request.attended,
      activities: request.activities ?? [],
      notes: request.notes,
    }));
  }
}
