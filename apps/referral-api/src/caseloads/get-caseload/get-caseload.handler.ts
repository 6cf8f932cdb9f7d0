import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ageInYears, calendarDaysBetween } from '@app/referral-domain';
import { ReadModels } from '@app/read-models';
import type { ReferralSummary } from '@app/read-models';
import { DirectoryStore } from '@app/directory';
import { DIRECTORY } from '../../directory/directory.controller';
import { hasRole } from '@app/application';
import { Problems } from '@app/application';
import { CLOCK, Clock } from '../../infrastructure/clock';
import type { YoungPersonIdentity } from '../../infrastructure/young-person-identity';
import { YoungPersonIdentities } from '../../infrastructure/young-person-identity';
import { READ_MODELS } from '../../projections/read-models.module';
import { caseloadAppointments } from './caseload-appointments';
import { GetCaseloadQuery } from './get-caseload.query';

/** A link worker's open referrals from the caseload read model. */
@QueryHandler(GetCaseloadQuery)
export class GetCaseloadHandler implements IQueryHandler<GetCaseloadQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly identities: YoungPersonIdentities,
    @Inject(DIRECTORY) private readonly directory: DirectoryStore,
  ) {}

  /** Current prescriptions (none recorded yet, or still attending), with the directory's service name. */
  private async prescriptionsOf(s: ReferralSummary) {
    const current = (s.prescriptions ?? []).filter(
      (p) => p.uptake === null || p.uptake === 'still_attending',
    );
    return Promise.all(
      current.map(async (p) => ({
        prescriptionId: p.prescriptionId,
        serviceId: p.serviceId,
        serviceName: (await this.directory.service(p.serviceId))?.name ?? null,
        prescribedAt: p.prescribedAt,
        uptake: p.uptake,
      })),
    );
  }

  async execute({ linkWorkerId, actor }: GetCaseloadQuery) {
    if (!hasRole(actor, 'service_manager') && actor.sub !== linkWorkerId) {
      throw Problems.forbidden('A link worker may see only their own caseload');
    }
    const now = this.clock.now();
    const rows = await this.readModels.openReferralsOf(linkWorkerId);
    const identities = await this.identities.of(rows);
    const prescriptions = await Promise.all(rows.map((s) => this.prescriptionsOf(s)));
    const referrals = rows.map((s, index) => ({
      referralId: s.referralId,
      status: s.status,
      youngPerson: youngPersonOf(identities[index]!, now),
      receivedAt: s.receivedAt,
      acceptedAt: s.acceptedAt,
      lastSessionAt: s.lastSessionAt,
      sessionsAttended: s.attendedSessions.length,
      daysSinceReferral: calendarDaysBetween(s.receivedAt, now),
      awaitingFirstContact: s.firstContactAt === null,
      ...caseloadAppointments(s, now),
      prescriptions: prescriptions[index]!,
    }));
    const counts = {
      accepted: referrals.filter((r) => r.status === 'accepted').length,
      active: referrals.filter((r) => r.status === 'active').length,
    };
    return { linkWorkerId, referrals, counts };
  }
}

function youngPersonOf({ givenName, familyName, dateOfBirth }: YoungPersonIdentity, now: string) {
  return { givenName, familyName, ageYears: dateOfBirth === null ? null : ageInYears(dateOfBirth, now) };
}
