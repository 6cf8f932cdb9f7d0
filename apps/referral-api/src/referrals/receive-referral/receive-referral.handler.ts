import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DeciderStore, WrongExpectedVersionError } from '@app/event-store';
import { ReceiveReferral, referralDecider, referralStreamName } from '@app/referral-domain';
import { Problems } from '../../http/problem';
import { toUtcIso } from '../../http/validators';
import { IDS, IdGenerator } from '../../infrastructure/clock';
import { ReferralCommandRunner } from '../shared/referral-command.runner';
import { ReceiveReferralCommand, ReceiveReferralResult } from './receive-referral.command';

/** Creating is idempotent on the id: the same body again returns the referral, another body is 409. */
@CommandHandler(ReceiveReferralCommand)
export class ReceiveReferralHandler implements ICommandHandler<
  ReceiveReferralCommand,
  ReceiveReferralResult
> {
  constructor(
    private readonly runner: ReferralCommandRunner,
    private readonly deciderStore: DeciderStore,
    @Inject(IDS) private readonly ids: IdGenerator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({
    request: r,
    context,
    requestHash,
  }: ReceiveReferralCommand): Promise<ReceiveReferralResult> {
    const referralId = r.id ?? this.ids.uuid();
    const build = (now: string): ReceiveReferral => ({
      type: 'ReceiveReferral',
      referralId,
      now,
      policy: this.config.intake,
      receivedAt: r.receivedAt ? toUtcIso(r.receivedAt) : now,
      source: r.source,
      youngPerson: r.youngPerson,
      parentCarer: r.parentCarer,
      reasons: r.reasons,
      pcnCode: r.pcnCode?.toUpperCase(),
      schoolUrn: r.schoolUrn,
      urgency: r.urgency ?? 'routine',
      notes: r.notes,
    });
    try {
      const result = await this.runner.run({ ...context, expectedVersion: 'no_stream' }, 'create', build, {
        requestHash,
      });
      return { id: referralId, version: result.version, status: result.status, created: true };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      return this.existing(referralId, requestHash, context.actor.sub);
    }
  }

  private async existing(
    referralId: string,
    requestHash: string,
    sub: string,
  ): Promise<ReceiveReferralResult> {
    const { state, version, events } = await this.deciderStore.load(
      referralDecider,
      referralStreamName(referralId),
    );
    const first = events[0]?.metadata;
    if (first?.requestHash !== requestHash || first.actor.sub !== sub) {
      throw Problems.conflict(
        'A referral with this id already exists with different details',
        'REFERRAL.ALREADY_EXISTS',
      );
    }
    return { id: referralId, version, status: state.status, created: false };
  }
}
