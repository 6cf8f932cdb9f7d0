import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@app/application';
import { APP_CONFIG } from '@app/config';
import type { AppConfig } from '@app/config';
import { DirectoryStore, NeedCoverage, normalisePostcode, serviceTerms } from '@app/directory';
import type { Point } from '@app/directory';
import { ReadModels, ageBand, prescriptionRowsOf, unmetNeedRows } from '@app/read-models';
import type { NeedCase, PrescriptionRows, ReferralSummary, UnmetNeedRow } from '@app/read-models';
import { REFERRAL_REASONS } from '@app/referral-domain';
import { CLOCK, Clock } from '../../infrastructure/clock';
import { YoungPersonIdentities } from '../../infrastructure/young-person-identity';
import { READ_MODELS } from '../../projections/read-models.module';
import { reportScope, suppressionFor } from '../../reports/report-scope';
import { DIRECTORY } from '../directory.controller';
import type { DirectoryReportRequest } from './directory-reports.request';

type Scoped = { period?: string; from: string; to: string; suppression: string };
export type PrescriptionsReport = Scoped & PrescriptionRows;
export type UnmetNeedReport = Scoped & {
  distanceMetres: number;
  rows: UnmetNeedRow[];
  /** Directory facts, not about any referral: needs with ages (5-19) no open service takes anywhere. */
  directoryGaps: { reason: string; agesWithoutService: number[] }[];
};

const AGES = Array.from({ length: 15 }, (_, i) => i + 5);
const NEEDS = REFERRAL_REASONS.filter((r) => r !== 'other');

/**
 * The directory's reports: which services young people are prescribed and take up, and where the
 * directory has nothing for the needs referred. Exact for service managers, disclosure-controlled for
 * commissioners, as every report.
 */
@Injectable()
export class DirectoryReports {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DIRECTORY) private readonly directory: DirectoryStore,
    private readonly identities: YoungPersonIdentities,
  ) {}

  private scope(actor: Actor, q: DirectoryReportRequest) {
    const policy = suppressionFor(actor, this.config, q.suppression);
    const { from, to, period } = reportScope(actor, this.clock.now().slice(0, 10), q);
    return { policy, scoped: { ...(period ? { period } : {}), from, to, suppression: policy.name } };
  }

  async prescriptions(actor: Actor, q: DirectoryReportRequest): Promise<PrescriptionsReport> {
    const { policy, scoped } = this.scope(actor, q);
    // Counted in SQL by service, age band and uptake; the directory names the services and their terms.
    const counted = await this.readModels.prescriptionTallies(scoped.from, scoped.to);
    const services = await serviceTerms(
      this.directory,
      counted.map((p) => p.serviceId),
    );
    return { ...scoped, ...prescriptionRowsOf(counted, services, policy) };
  }

  async unmetNeed(actor: Actor, q: DirectoryReportRequest): Promise<UnmetNeedReport> {
    const { policy, scoped } = this.scope(actor, q);
    const distanceMetres = this.config.directory.matchDistanceMetres;
    const coverage = new NeedCoverage(this.directory, distanceMetres);
    const referrals = (await this.readModels.referralsReceivedBetween(scoped.from, scoped.to)).filter(
      (r) => r.status !== 'merged' && r.ageAtReferral >= 0 && (r.reasons ?? []).some((x) => x !== 'other'),
    );
    const cases = await this.needCases(referrals, coverage);
    const directoryGaps: UnmetNeedReport['directoryGaps'] = [];
    for (const reason of NEEDS) {
      const without: number[] = [];
      for (const age of AGES) if (!(await coverage.covered(reason, age))) without.push(age);
      if (without.length) directoryGaps.push({ reason, agesWithoutService: without });
    }
    return { ...scoped, distanceMetres, rows: unmetNeedRows(cases, policy), directoryGaps };
  }

  /** Each reason of each referral, met or not; postcodes are opened in memory only, never returned. */
  private async needCases(referrals: ReferralSummary[], coverage: NeedCoverage): Promise<NeedCase[]> {
    const postcodes = await this.identities.postcodes(referrals);
    const places = new Map<string, Promise<Point | undefined>>();
    const placeOf = (postcode: string | null) => {
      const key = postcode ? normalisePostcode(postcode) : undefined;
      if (!key) return Promise.resolve(undefined);
      if (!places.has(key)) places.set(key, this.directory.postcode(key));
      return places.get(key)!;
    };
    const cases: NeedCase[] = [];
    for (const [i, r] of referrals.entries()) {
      const point = await placeOf(postcodes[i] ?? null);
      for (const reason of new Set(r.reasons ?? []))
        if (reason !== 'other')
          cases.push({
            reason,
            ageBand: ageBand(r.ageAtReferral),
            located: point !== undefined,
            met: await coverage.covered(reason, r.ageAtReferral, point),
          });
    }
    return cases;
  }
}
