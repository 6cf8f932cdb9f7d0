import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ageInYears, calendarDaysBetween } from '@app/referral-domain';
import { ReadModels } from '@app/read-models';
import { hasRole } from '@app/application';
import { Problems } from '@app/application';
import { CLOCK, Clock } from '../../infrastructure/clock';
import { READ_MODELS } from '../../projections/read-models.module';
import { GetCaseloadQuery } from './get-caseload.query';

/** A link worker's open referrals from the caseload read model. */
@QueryHandler(GetCaseloadQuery)
export class GetCaseloadHandler implements IQueryHandler<GetCaseloadQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ linkWorkerId, actor }: GetCaseloadQuery) {
    if (!hasRole(actor, 'service_manager') && actor.sub !== linkWorkerId) {
      throw Problems.forbidden('A link worker may see only their own caseload');
    }
    const now = this.clock.now();
    const referrals = (await this.readModels.openReferralsOf(linkWorkerId)).map((s) => ({
      referralId: s.referralId,
      status: s.status,
      youngPerson: {
        givenName: s.givenName,
        familyName: s.familyName,
        ageYears: ageInYears(s.dateOfBirth, now),
      },
      receivedAt: s.receivedAt,
      acceptedAt: s.acceptedAt,
      lastSessionAt: s.lastSessionAt,
      sessionsAttended: s.attendedSessions.length,
      daysSinceReferral: calendarDaysBetween(s.receivedAt, now),
      awaitingFirstContact: s.firstContactAt === null,
    }));
    const counts = {
      accepted: referrals.filter((r) => r.status === 'accepted').length,
      active: referrals.filter((r) => r.status === 'active').length,
    };
    return { linkWorkerId, referrals, counts };
  }
}
