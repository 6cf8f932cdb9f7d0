import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { AcknowledgeHandoff, RejectHandoff } from '@app/referral-domain';
import type { CommandResult } from '../shared/command-context';
import { ReferralCommandRunner } from '../shared/referral-command.runner';
import { timed } from '../shared/timed.request';
import { AnswerHandoffCommand } from './answer-handoff.command';

/** A partner's acknowledgement or rejection of a handoff, for partners without Kafka. */
@CommandHandler(AnswerHandoffCommand)
export class AnswerHandoffHandler implements ICommandHandler<AnswerHandoffCommand, CommandResult> {
  constructor(private readonly runner: ReferralCommandRunner) {}

  execute({ referralId, handoffId, answer, request, context }: AnswerHandoffCommand): Promise<CommandResult> {
    return this.runner.run(context, 'answer_handoff', (now): AcknowledgeHandoff | RejectHandoff =>
      answer === 'acknowledge'
        ? {
            type: 'AcknowledgeHandoff',
            ...timed(referralId, request, now),
            handoffId,
            reference: request.reference,
          }
        : { type: 'RejectHandoff', ...timed(referralId, request, now), handoffId, reason: request.reason },
    );
  }
}
