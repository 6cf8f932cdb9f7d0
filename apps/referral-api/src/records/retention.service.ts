import { Inject, Injectable, Logger } from '@nestjs/common';
import { ReferralApplication } from '@app/application';
import { ReadModels } from '@app/read-models';
import { ReferralRuleError, retentionDate } from '@app/referral-domain';
import { YoungPersonIdentities } from '../infrastructure/young-person-identity';
import { READ_MODELS } from '../projections/read-models.module';

export type RetentionReport = {
  asOf: string;
  checked: number;
  erased: number;
  onLegalHold: number;
  notDue: number;
  alreadyErased: number;
};

const SYSTEM = { sub: 'system:retention', roles: ['service_manager' as const] };

/**
 * Erases the personal data of closed referrals whose retention date has passed, unless a legal hold
 * is in force. Candidates come from the referral summary read model; the decider re-checks each one.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');

  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    private readonly application: ReferralApplication,
    private readonly identities: YoungPersonIdentities,
  ) {}

  async run(asOf: string, dryRun = false): Promise<RetentionReport> {
    const report: RetentionReport = {
      asOf,
      checked: 0,
      erased: 0,
      onLegalHold: 0,
      notDue: 0,
      alreadyErased: 0,
    };
    const closed = await this.readModels.closedReferrals();
    const identities = await this.identities.of(closed);
    for (const [index, s] of closed.entries()) {
      report.checked += 1;
      const { state, dateOfBirth } = identities[index]!;
      if (state === 'erased') {
        report.alreadyErased += 1;
        continue;
      }
      const endedAt = s.endedAt ?? s.declinedAt!;
      // An unreadable date of birth cannot show the record is due: it is kept, and the erasure (which the decider re-checks) waits.
      if (dateOfBirth === null || retentionDate(dateOfBirth, endedAt) > asOf) {
        report.notDue += 1;
        continue;
      }
      if (dryRun) {
        report.erased += 1;
        continue;
      }
      await this.erase(s.referralId, asOf, report);
    }
    return report;
  }

  private async erase(referralId: string, asOf: string, report: RetentionReport): Promise<void> {
    const origin = { channel: 'job' as const, actor: SYSTEM, correlationId: `retention-${asOf}` };
    try {
      await this.application.handle(origin, 'records', (now) => ({
        type: 'ErasePersonalData',
        referralId,
        at: now,
        now,
        reason: `Retention period ended (as of ${asOf})`,
        basis: 'retention',
      }));
      report.erased += 1;
    } catch (error) {
      if (error instanceof ReferralRuleError && error.code === 'REFERRAL.LEGAL_HOLD') report.onLegalHold += 1;
      else if (error instanceof ReferralRuleError && error.code === 'REFERRAL.ERASED')
        report.alreadyErased += 1;
      else {
        this.logger.error({ referralId, err: error }, 'Retention erasure failed');
        throw error;
      }
    }
  }
}
