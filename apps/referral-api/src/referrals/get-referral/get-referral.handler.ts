import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DeciderStore } from '@app/event-store';
import { isReceived, referralDecider, referralStreamName } from '@app/referral-domain';
import { Inject } from '@nestjs/common';
import { Problems, authorizeReferral, referralAccess } from '@app/application';
import { APP_CONFIG } from '@app/config';
import type { AppConfig } from '@app/config';
import { ReadModels } from '@app/read-models';
import { teamRouting } from '../../auth/team-routing';
import { READ_MODELS } from '../../projections/read-models.module';
import { GetReferralQuery } from './get-referral.query';
import { referralStatusView, referralView } from './referral.view';

/**
 * The referral resource is its own stream, read with strong consistency so its ETag can guard the next
 * command (ADR 0002); lists and reports come from projections.
 */
@QueryHandler(GetReferralQuery)
export class GetReferralHandler implements IQueryHandler<GetReferralQuery> {
  constructor(
    private readonly deciderStore: DeciderStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute({ referralId, actor }: GetReferralQuery) {
    const loaded = await this.deciderStore.load(referralDecider, referralStreamName(referralId));
    const { state, version } = loaded;
    authorizeReferral(actor, 'read', referralAccess(loaded, actor, teamRouting(this.config)));
    if (!isReceived(state)) throw Problems.notFound(`No referral ${referralId}`);
    const fullAccess = actor.roles.some(
      (r) => r === 'service_manager' || r === 'auditor' || r === 'link_worker',
    );
    if (!fullAccess) return referralStatusView(state, version);
    // Flags come from the identity index (a projection): they reflect every referral it has applied.
    const flags = (await this.readModels.duplicateFlags([referralId])).get(referralId);
    return {
      ...referralView(state, version),
      possibleDuplicateOf: flags?.possibleDuplicateOf ?? [],
      dataQuality: flags?.dataQuality ?? [],
      previousEpisodes: flags?.previousEpisodes ?? [],
    };
  }
}
