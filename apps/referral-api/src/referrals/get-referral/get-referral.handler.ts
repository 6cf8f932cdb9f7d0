import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DeciderStore } from '@app/event-store';
import { isReceived, referralDecider, referralStreamName } from '@app/referral-domain';
import { Problems } from '@app/application';
import { authorizeReferral } from '@app/application';
import { GetReferralQuery } from './get-referral.query';
import { referralStatusView, referralView } from './referral.view';

/**
 * The referral resource is its own stream, read with strong consistency so its ETag can guard the next
 * command (ADR 0002); lists and reports come from projections.
 */
@QueryHandler(GetReferralQuery)
export class GetReferralHandler implements IQueryHandler<GetReferralQuery> {
  constructor(private readonly deciderStore: DeciderStore) {}

  async execute({ referralId, actor }: GetReferralQuery) {
    const { state, version, events } = await this.deciderStore.load(
      referralDecider,
      referralStreamName(referralId),
    );
    const access = { state, createdBy: events[0]?.metadata.actor.sub };
    authorizeReferral(actor, 'read', access);
    if (!isReceived(state)) throw Problems.notFound(`No referral ${referralId}`);
    const fullAccess = actor.roles.some(
      (r) => r === 'service_manager' || r === 'auditor' || r === 'link_worker',
    );
    return fullAccess ? referralView(state, version) : referralStatusView(state, version);
  }
}
