import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventStore, streamAgainstCheckpoint, verifyChain } from '@app/event-store';
import { referralStreamName } from '@app/referral-domain';
import { Problems } from '@app/application';
import { AUDIT_EVENT_STORE } from '../../infrastructure/store.module';
import { CheckpointsService } from '../checkpoints/checkpoints.service';
import { VerifyReferralQuery } from './verify-referral.query';

/**
 * Checks the referral's events exactly as stored, in the order the service replays them: the hash
 * chain and versions 1, 2, 3..., and against the newest signed checkpoint, which catches what the
 * chain cannot (the last events or the whole stream deleted, or the chain recomputed after an edit).
 */
@QueryHandler(VerifyReferralQuery)
export class VerifyReferralHandler implements IQueryHandler<VerifyReferralQuery> {
  constructor(
    @Inject(AUDIT_EVENT_STORE) private readonly store: EventStore,
    private readonly checkpoints: CheckpointsService,
  ) {}

  async execute({ referralId }: VerifyReferralQuery) {
    const stream = referralStreamName(referralId);
    const events = await this.store.readStream(stream);
    const newest = await this.checkpoints.newest();
    const checkpoint = newest ? streamAgainstCheckpoint(stream, events, newest) : null;
    if (events.length === 0 && checkpoint?.status !== 'removed')
      throw Problems.notFound(`No referral ${referralId}`);
    const chain = verifyChain(events);
    const treeHolds =
      checkpoint === null || checkpoint.status === 'matches' || checkpoint.status === 'not-covered';
    return {
      id: referralId,
      ...chain,
      valid: chain.valid && treeHolds && events.length > 0,
      chainValid: chain.valid,
      checkpoint,
    };
  }
}
