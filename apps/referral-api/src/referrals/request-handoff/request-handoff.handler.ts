import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IDS, IdGenerator } from '../../infrastructure/clock';
import { ReferralCommandRunner } from '../shared/referral-command.runner';
import { timed } from '../shared/timed.request';
import { RequestHandoffCommand, RequestHandoffResult } from './request-handoff.command';

/** Records the request; delivery to the partner happens later, driven from the event store. */
@CommandHandler(RequestHandoffCommand)
export class RequestHandoffHandler implements ICommandHandler<RequestHandoffCommand, RequestHandoffResult> {
  constructor(
    private readonly runner: ReferralCommandRunner,
    @Inject(IDS) private readonly ids: IdGenerator,
  ) {}

  async execute({ referralId, request: r, context }: RequestHandoffCommand): Promise<RequestHandoffResult> {
    const handoffId = this.ids.uuid();
    const result = await this.runner.run(context, 'care', (now) => ({
      type: 'RequestHandoff',
      ...timed(referralId, r, now),
      handoffId,
      target: r.target,
      reason: r.reason,
      urgency: r.urgency,
      safeguarding: r.safeguarding ? { justification: r.safeguarding.justification } : undefined,
    }));
    return { id: referralId, handoffId, status: 'requested', version: result.version };
  }
}
