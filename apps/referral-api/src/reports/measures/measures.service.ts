import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@app/application';
import { APP_CONFIG } from '@app/config';
import type { AppConfig } from '@app/config';
import { ReadModels, accessRows, rollingYearFrom } from '@app/read-models';
import type { AccessRows, EquityRows, ReferralSummary, SpellRows, WaitMeasure } from '@app/read-models';
import { CLOCK, Clock } from '../../infrastructure/clock';
import { YoungPersonIdentities } from '../../infrastructure/young-person-identity';
import { READ_MODELS } from '../../projections/read-models.module';
import { reportScope, suppressionFor } from '../report-scope';
import type { MeasuresReportRequest, SpellsReportRequest } from './measures.request';

type Scoped = { period?: string; from: string; to: string; suppression: string };
export type SpellsReport = Scoped & { asOf: string; measure: WaitMeasure } & SpellRows;
export type AccessReport = Scoped & AccessRows;
export type EquityReport = Scoped & { asOf: string } & EquityRows;

/** Contacts can come from referrals received long before the period. */
const EARLIEST_RECEIVED = '0001-01-01';

/**
 * The NHS children and young people's measures (docs/domain.md#referral-spells-access-and-equity):
 * referral spells, access (MHS95/MHS69 style) and equity. Exact for service managers,
 * disclosure-controlled for commissioners, as every report. Spells and equity are aggregated in SQL;
 * access still reads the summaries (docs/domain.md#known-gaps). Which referrals are of the same young
 * person comes from the blind index as opaque keys; dates of birth are opened in memory for the
 * access count only. Neither is ever returned.
 */
@Injectable()
export class MeasuresReports {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly identities: YoungPersonIdentities,
  ) {}

  private scope(actor: Actor, q: MeasuresReportRequest) {
    const policy = suppressionFor(actor, this.config, q.suppression);
    const { from, to, asOf, period } = reportScope(actor, this.clock.now().slice(0, 10), q);
    return { policy, asOf, scoped: { ...(period ? { period } : {}), from, to, suppression: policy.name } };
  }

  /** Each referral with the opaque key of its young person, matched over the whole blind index. */
  private async withPersons(referrals: ReferralSummary[]) {
    const keys = await this.readModels.personKeys(referrals.map((r) => r.referralId));
    return referrals.map((summary) => ({ summary, person: keys.get(summary.referralId)! }));
  }

  async spells(actor: Actor, q: SpellsReportRequest): Promise<SpellsReport> {
    const { policy, asOf, scoped } = this.scope(actor, q);
    const measure = q.measure ?? 'help_started';
    const rows = await this.readModels.spellsReport(
      { from: scoped.from, to: scoped.to, asOf, measure },
      policy,
    );
    return { ...scoped, asOf, measure, ...rows };
  }

  async access(actor: Actor, q: MeasuresReportRequest): Promise<AccessReport> {
    const { policy, scoped } = this.scope(actor, q);
    const since = `${rollingYearFrom(scoped.from)}T00:00:00.000Z`;
    const until = `${scoped.to}T23:59:59.999Z`;
    const all = await this.withPersons(
      await this.readModels.referralsReceivedBetween(EARLIEST_RECEIVED, scoped.to),
    );
    const withContacts = all.filter((r) =>
      r.summary.attendedSessions.some((at) => at >= since && at <= until),
    );
    // Opened in memory for the age at each contact, never kept or returned.
    const identities = await this.identities.of(withContacts.map((r) => r.summary));
    const referrals = withContacts.map((r, i) => ({ ...r, dateOfBirth: identities[i]!.dateOfBirth }));
    return { ...scoped, ...accessRows(referrals, scoped.from, scoped.to, policy) };
  }

  async equity(actor: Actor, q: MeasuresReportRequest): Promise<EquityReport> {
    const { policy, asOf, scoped } = this.scope(actor, q);
    const rows = await this.readModels.equityReport({ from: scoped.from, to: scoped.to, asOf }, policy);
    return { ...scoped, asOf, ...rows };
  }
}
