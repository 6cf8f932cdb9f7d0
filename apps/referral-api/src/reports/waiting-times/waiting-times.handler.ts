import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ReadModels, WaitingTimeRow } from '@app/read-models';
import { CLOCK, Clock } from '../../infrastructure/clock';
import { READ_MODELS } from '../../projections/read-models.module';
import { reportScope, suppressionFor } from '../report-scope';
import { WaitingTimesQuery } from './waiting-times.query';

export type WaitingTimesReport = {
  measure: string;
  /** The reporting period asked for (always, for commissioners). */
  period?: string;
  from: string;
  to: string;
  asOf: string;
  groupBy: string;
  /** The filters applied (pcn, source, ageBand), as asked. */
  filters: { pcn?: string; source?: string; ageBand?: string };
  suppression: string;
  /**
   * Clock stops of these referrals recorded beyond the back-dating window (service managers'
   * corrections), under the same disclosure policy as the counts: waits they end may be shorter than
   * what the young person lived.
   */
  backdatedClockStops: number | null;
  rows: WaitingTimeRow[];
};

/**
 * Referral-to-help and other waits for referrals received in the window, as they stood at `asOf`,
 * aggregated by the read models in SQL. A filter is one more cut of the same referrals: every figure
 * in it is disclosure-controlled as usual.
 */
@QueryHandler(WaitingTimesQuery)
export class WaitingTimesHandler implements IQueryHandler<WaitingTimesQuery, WaitingTimesReport> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ request: q, actor }: WaitingTimesQuery): Promise<WaitingTimesReport> {
    const policy = suppressionFor(actor, this.config, q.suppression);
    const { from, to, asOf, period } = reportScope(actor, this.clock.now().slice(0, 10), q);
    const groupBy = q.groupBy ?? 'none';
    const filters = filtersOf(q);
    const { rows, backdatedClockStops } = await this.readModels.waitingTimeReport(
      { from, to, asOf, measure: q.measure, groupBy, filters },
      policy,
    );
    return {
      measure: q.measure,
      ...(period ? { period } : {}),
      from,
      to,
      asOf,
      groupBy,
      filters,
      suppression: policy.name,
      backdatedClockStops: policy.count(backdatedClockStops),
      rows,
    };
  }
}

type Filters = WaitingTimesReport['filters'];

function filtersOf(q: Filters): Filters {
  return {
    ...(q.pcn !== undefined ? { pcn: q.pcn } : {}),
    ...(q.source !== undefined ? { source: q.source } : {}),
    ...(q.ageBand !== undefined ? { ageBand: q.ageBand } : {}),
  };
}
