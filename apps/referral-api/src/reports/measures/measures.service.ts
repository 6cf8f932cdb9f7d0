import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@app/application';
import { APP_CONFIG } from '@app/config';
import type { AppConfig } from '@app/config';
import { ReadModels, accessContactsFrom, accessRowsOf, rollingYearFrom } from '@app/read-models';
import type { AccessRows, EquityRows, SpellRows, WaitMeasure } from '@app/read-models';
import { CLOCK, Clock } from '../../infrastructure/clock';
import { READ_MODELS } from '../../projections/read-models.module';
import { reportScope, suppressionFor } from '../report-scope';
import { ContactAges } from './contact-ages';
import type { MeasuresReportRequest, SpellsReportRequest } from './measures.request';

type Scoped = { period?: string; from: string; to: string; suppression: string };
export type SpellsReport = Scoped & { asOf: string; measure: WaitMeasure } & SpellRows;
export type AccessReport = Scoped & AccessRows;
export type EquityReport = Scoped & { asOf: string } & EquityRows;

/**
 * The NHS children and young people's measures (docs/domain.md#referral-spells-access-and-equity):
 * referral spells, access (MHS95/MHS69 style) and equity. Exact for service managers,
 * disclosure-controlled for commissioners, as every report. Spells and equity are aggregated in SQL;
 * access is counted from the contact facts, the age band at each contact stamped from the sealed
 * identity the first time a report needs it (`ContactAges`). Which referrals are of the same young
 * person comes from the blind index as opaque keys; neither they nor dates of birth are ever returned.
 */
@Injectable()
export class MeasuresReports {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly contactAges: ContactAges,
  ) {}

  private scope(actor: Actor, q: MeasuresReportRequest) {
    const policy = suppressionFor(actor, this.config, q.suppression);
    const { from, to, asOf, period } = reportScope(actor, this.clock.now().slice(0, 10), q);
    return { policy, asOf, scoped: { ...(period ? { period } : {}), from, to, suppression: policy.name } };
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
    const since = rollingYearFrom(scoped.from);
    const bands = await this.contactAges.stamp(since, scoped.to);
    // A period ending on a month's last day: every window is 12 whole months, kept as counts.
    const kept = await this.readModels.accessReport(scoped.from, scoped.to, policy);
    if (kept) return { ...scoped, ...kept };
    // As the reference, the referrals received by the end of the period (a session is never before it).
    const until = `${scoped.to}T23:59:59.999Z`;
    const facts = (await this.readModels.contactFacts(since, scoped.to)).filter((f) => f.receivedAt <= until);
    const contacts = accessContactsFrom(facts, new Map(), bands);
    return { ...scoped, ...accessRowsOf(contacts, scoped.from, scoped.to, policy) };
  }

  async equity(actor: Actor, q: MeasuresReportRequest): Promise<EquityReport> {
    const { policy, asOf, scoped } = this.scope(actor, q);
    const rows = await this.readModels.equityReport({ from: scoped.from, to: scoped.to, asOf }, policy);
    return { ...scoped, asOf, ...rows };
  }
}
