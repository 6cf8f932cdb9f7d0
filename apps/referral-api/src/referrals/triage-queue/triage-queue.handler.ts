import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Problems, teamOfReferral, teamsOf } from '@app/application';
import type { Actor } from '@app/application';
import { APP_CONFIG } from '@app/config';
import type { AppConfig } from '@app/config';
import { ageBand } from '@app/read-models';
import { ReadModels } from '@app/read-models';
import type { DuplicateFlags } from '@app/read-models';
import { ageInYears, calendarDaysBetween } from '@app/referral-domain';
import { teamRouting, teamScope } from '../../auth/team-routing';
import { CLOCK, Clock } from '../../infrastructure/clock';
import { YoungPersonIdentities } from '../../infrastructure/young-person-identity';
import { READ_MODELS } from '../../projections/read-models.module';
import type { TriageQueueRequest } from './triage-queue.request';

export class TriageQueueQuery {
  constructor(
    readonly request: TriageQueueRequest,
    readonly actor: Actor,
  ) {}
}

const NO_FLAGS: DuplicateFlags = { possibleDuplicateOf: [], dataQuality: [], previousEpisodes: [] };

/**
 * The referrals awaiting acceptance by the caller's teams (the team receiving a referral comes from
 * its PCN), from the referral summary projection: a referral appears as soon as the projection applies
 * its ReferralReceived, whichever route it came by.
 */
@QueryHandler(TriageQueueQuery)
export class TriageQueueHandler implements IQueryHandler<TriageQueueQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly identities: YoungPersonIdentities,
  ) {}

  async execute({ request, actor }: TriageQueueQuery) {
    const routing = teamRouting(this.config);
    const mine = teamsOf(actor, routing);
    if (request.team !== undefined && !mine.includes(request.team))
      throw Problems.forbidden(`The queue of team ${request.team} is for its own link workers and managers`);
    const teams = request.team === undefined ? mine : [request.team];
    const now = this.clock.now();
    const queue = await this.readModels.awaitingTriage(teamScope(teams, routing), request.limit ?? 50);
    const [identities, flags] = await Promise.all([
      this.identities.of(queue.referrals),
      this.readModels.duplicateFlags(queue.referrals.map((s) => s.referralId)),
    ]);
    return {
      teams,
      total: queue.total,
      urgent: queue.urgent,
      oldestReceivedAt: queue.oldestReceivedAt,
      referrals: queue.referrals.map((s, i) => {
        const { givenName, familyName, dateOfBirth } = identities[i]!;
        return {
          id: s.referralId,
          receivedAt: s.receivedAt,
          daysWaiting: calendarDaysBetween(s.receivedAt, now),
          urgency: s.urgency ?? 'routine',
          reasons: s.reasons ?? [],
          source: { kind: s.sourceKind, organisationCode: s.sourceOrganisation ?? null },
          pcnCode: s.pcnCode,
          team: teamOfReferral(routing, { team: s.team ?? undefined, pcnCode: s.pcnCode ?? undefined }),
          youngPerson: {
            givenName,
            familyName,
            ageYears: dateOfBirth === null ? null : ageInYears(dateOfBirth, now),
            ageBandAtReferral: ageBand(s.ageAtReferral),
          },
          ...(flags.get(s.referralId) ?? NO_FLAGS),
        };
      }),
    };
  }
}
