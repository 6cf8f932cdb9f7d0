import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../shared/command-context';
import { ReferralCommandRunner } from '../shared/referral-command.runner';
import { timed } from '../shared/timed.request';
import { AssignLinkWorkerCommand } from './assign-link-worker.command';

@CommandHandler(AssignLinkWorkerCommand)
export class AssignLinkWorkerHandler implements ICommandHandler<AssignLinkWorkerCommand, CommandResult> {
  constructor(private readonly runner: ReferralCommandRunner) {}

  execute({ referralId, request, context }: AssignLinkWorkerCommand): Promise<CommandResult> {
    return this.runner.run(context, 'assign', (now) => ({
      type: 'AssignLinkWorker',
      ...timed(referralId, request, now),
      linkWorkerId: request.linkWorkerId,
    }));
  }
}
