import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventStore, verifyChain } from '@app/event-store';
import { referralStreamName } from '@app/referral-domain';
import { Problems } from '@app/application';
import { AUDIT_EVENT_STORE } from '../../infrastructure/store.module';
import { VerifyReferralQuery } from './verify-referral.query';

/** Recomputes the referral's hash chain over the events exactly as stored. */
@QueryHandler(VerifyReferralQuery)
export class VerifyReferralHandler implements IQueryHandler<VerifyReferralQuery> {
  constructor(@Inject(AUDIT_EVENT_STORE) private readonly store: EventStore) {}

  async execute({ referralId }: VerifyReferralQuery) {
    const events = await this.store.readStream(referralStreamName(referralId));
    if (events.length === 0) throw Problems.notFound(`No referral ${referralId}`);
    return { id: referralId, ...verifyChain(events) };
  }
}
