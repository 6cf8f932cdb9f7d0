import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { hasRole, teamsOf } from '@app/application';
import type { Actor } from '@app/application';
import { APP_CONFIG } from '@app/config';
import type { AppConfig } from '@app/config';
import { ReadModels } from '@app/read-models';
import type { DuplicateFlags, IdentityFilter, ReferralSearchTable, SearchScope } from '@app/read-models';
import { ageInYears, calendarDaysBetween } from '@app/referral-domain';
import { teamRouting, teamScope } from '../../auth/team-routing';
import { CLOCK, Clock } from '../../infrastructure/clock';
import { YoungPersonIdentities } from '../../infrastructure/young-person-identity';
import type { YoungPersonIdentity } from '../../infrastructure/young-person-identity';
import { READ_MODELS } from '../../projections/read-models.module';
import { decodeCursor, encodeCursor, searchFingerprint } from './search-cursor';
import type { SearchReferralsRequest } from './search-referrals.request';

export class SearchReferralsQuery {
  constructor(
    readonly request: SearchReferralsRequest,
    readonly actor: Actor,
  ) {}
}

const NO_FLAGS: DuplicateFlags = { possibleDuplicateOf: [], dataQuality: [], previousEpisodes: [] };

const view = (
  r: ReferralSearchTable,
  now: string,
  who: YoungPersonIdentity | undefined,
  flags: DuplicateFlags,
) => ({
  id: r.referral_id,
  status: r.status,
  receivedAt: r.received_at,
  daysSinceReferral: calendarDaysBetween(r.received_at, now),
  urgency: r.urgency,
  reasons: r.reasons.split('|').filter(Boolean),
  source: { kind: r.source_kind, organisationCode: r.source_organisation },
  pcnCode: r.pcn_code,
  linkWorkerId: r.link_worker_id,
  ageBand: r.age_band,
  youngPerson: who && {
    givenName: who.givenName,
    familyName: who.familyName,
    ageYears: who.dateOfBirth === null ? null : ageInYears(who.dateOfBirth, now),
  },
  ...flags,
});

/**
 * Finds referrals by status, link worker, source, PCN, dates, urgency, reason, age band and the young
 * person's NHS number, name or date of birth (matched through keyed tokens, never plaintext), within
 * what the caller may see (the access rules of the referral record), a page at a time.
 */
@QueryHandler(SearchReferralsQuery)
export class SearchReferralsHandler implements IQueryHandler<SearchReferralsQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly identities: YoungPersonIdentities,
  ) {}

  async execute({ request: q, actor }: SearchReferralsQuery) {
    const routing = teamRouting(this.config);
    const teams = teamScope(teamsOf(actor, routing), routing);
    const scope: SearchScope = hasRole(actor, 'service_manager')
      ? { kind: 'manager', teams }
      : { kind: 'link_worker', teams, linkWorkerId: actor.sub };
    const { cursor, limit = 50, nhsNumber, name, dateOfBirth, ...filters } = q;
    const identity = this.identityFilter(nhsNumber, name, dateOfBirth);
    const order = filters.sort === 'receivedAt' ? 'oldest' : 'newest';
    // The cursor is bound to the search by a digest: of the identity tokens, never of a name or number.
    const fingerprint = searchFingerprint({ ...filters, ...(identity && { identity }) });
    const now = this.clock.now();
    const rows = await this.readModels.searchReferrals({
      scope,
      statuses: filters.status?.split(','),
      linkWorkerId: filters.linkWorkerId,
      sourceKind: filters.sourceKind,
      sourceOrganisation: filters.organisationCode,
      pcnCode: filters.pcnCode,
      receivedFrom: filters.receivedFrom,
      receivedTo: filters.receivedTo,
      urgency: filters.urgency,
      reason: filters.reason,
      ageBand: filters.ageBand,
      identity,
      order,
      after: cursor === undefined ? undefined : decodeCursor(cursor, fingerprint, Date.parse(now)),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const ids = page.map((r) => r.referral_id);
    const [summaries, flags] = await Promise.all([
      this.readModels.summariesById(ids),
      this.readModels.duplicateFlags(ids),
    ]);
    const found = ids.map((id) => summaries.get(id)).filter((s) => s !== undefined);
    const people = new Map((await this.identities.of(found)).map((who, i) => [found[i]!.referralId, who]));
    return {
      referrals: page.map((r) =>
        view(r, now, people.get(r.referral_id), flags.get(r.referral_id) ?? NO_FLAGS),
      ),
      next:
        rows.length > limit && last
          ? encodeCursor({ receivedAt: last.received_at, id: last.referral_id }, fingerprint, Date.parse(now))
          : null,
    };
  }

  private identityFilter(
    nhsNumber?: string,
    name?: string,
    dateOfBirth?: string,
  ): IdentityFilter | undefined {
    if (nhsNumber === undefined && name === undefined && dateOfBirth === undefined) return undefined;
    const tokens = this.readModels.identityTokens({ nhsNumber, name, dateOfBirth });
    return Object.fromEntries(Object.entries(tokens).filter(([, v]) => v !== undefined));
  }
}
