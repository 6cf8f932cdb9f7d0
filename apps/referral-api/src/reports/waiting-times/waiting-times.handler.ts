import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ReadModels, WaitingTimeRow, ageBand, waitingTimeRows } from '@app/read-models';
import type { ReferralSummary } from '@app/read-models';
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

/** Referral-to-help and other waits for referrals received in the window, as they stood at `asOf`. */
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
    const referrals = (await this.readModels.referralsReceivedBetween(from, to)).filter(matching(filters));
    return {
      measure: q.measure,
      ...(period ? { period } : {}),
      from,
      to,
      asOf,
      groupBy,
      filters,
      suppression: policy.name,
      backdatedClockStops: policy.count(referrals.reduce((n, r) => n + (r.backdatedClockStops ?? 0), 0)),
      rows: waitingTimeRows(referrals, q.measure, groupBy, asOf, policy),
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

/** A filter is one more cut of the same referrals: every figure in it is disclosure-controlled as usual. */
const matching =
  (f: Filters) =>
  (r: ReferralSummary): boolean =>
    (f.pcn === undefined || (r.pcnCode ?? 'unknown') === f.pcn) &&
    (f.source === undefined || r.sourceKind === f.source) &&
    (f.ageBand === undefined || ageBand(r.ageAtReferral) === f.ageBand);
