import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ReadModels } from '@app/read-models';
import { CLOCK, Clock } from '../../infrastructure/clock';
import { READ_MODELS } from '../../projections/read-models.module';
import { reportScope, suppressionFor } from '../report-scope';
import { OutcomesQuery } from './outcomes.query';

/** Paired outcome scores and reliable change per measure and rater, and per referral (aggregated in SQL). */
@QueryHandler(OutcomesQuery)
export class OutcomesHandler implements IQueryHandler<OutcomesQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ request: q, actor }: OutcomesQuery) {
    const policy = suppressionFor(actor, this.config, q.suppression);
    const { from, to, period } = reportScope(actor, this.clock.now().slice(0, 10), q);
    const groupBy = q.groupBy ?? 'none';
    const rows = await this.readModels.outcomeReport({ from, to, groupBy }, policy);
    return { ...(period ? { period } : {}), from, to, groupBy, suppression: policy.name, ...rows };
  }
}
