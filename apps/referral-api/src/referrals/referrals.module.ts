import { SearchReferralsController } from './search-referrals/search-referrals.controller';
import { SearchReferralsHandler } from './search-referrals/search-referrals.handler';
import { TriageQueueController } from './triage-queue/triage-queue.controller';
import { TriageQueueHandler } from './triage-queue/triage-queue.handler';
import { APP_CONFIG } from '@app/config';
import { teamRouting } from '../auth/team-routing';
import type { AppConfig } from '@app/config';
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReferralApplication } from '@app/application';
import { DeciderStore } from '@app/event-store';
import { CLOCK, IDS } from '../infrastructure/clock';
import type { Clock, IdGenerator } from '../infrastructure/clock';
import { PERSONAL_DATA_KEYS } from '../infrastructure/personal-data-keys';
import type { PersonalDataKeys } from '../infrastructure/personal-data-keys';
import { Metrics } from '../operations/metrics';
import { RetentionService } from '../records/retention.service';
import { commandController } from './commands/command-routes';
import { REFERRAL_COMMANDS } from './commands/referral-commands';
import { FhirController } from '../fhir/fhir.controller';
import { GetHistoryController } from './get-history/get-history.controller';
import { GetHistoryHandler } from './get-history/get-history.handler';
import { GetReferralController } from './get-referral/get-referral.controller';
import { GetReferralHandler } from './get-referral/get-referral.handler';

/**
 * Referral commands (one route per descriptor in REFERRAL_COMMANDS, all calling the application
 * layer) and the referral queries (through the QueryBus).
 */
@Module({
  imports: [CqrsModule],
  controllers: [
    // Before GET v1/referrals/:id, which would take `queue` for an id.
    TriageQueueController,
    SearchReferralsController,
    GetReferralController,
    GetHistoryController,
    commandController(REFERRAL_COMMANDS),
    FhirController,
  ],
  providers: [
    {
      provide: ReferralApplication,
      inject: [DeciderStore, CLOCK, IDS, PERSONAL_DATA_KEYS, Metrics, APP_CONFIG],
      useFactory: (
        deciderStore: DeciderStore,
        clock: Clock,
        ids: IdGenerator,
        personalDataKeys: PersonalDataKeys,
        metrics: Metrics,
        config: AppConfig,
      ) =>
        new ReferralApplication({
          deciderStore,
          clock,
          ids,
          personalDataKeys,
          backdating: { windowDays: config.backdateWindowDays },
          teams: teamRouting(config),
          onCommand: (command, outcome) => metrics.commands.inc({ command, outcome }),
        }),
    },
    GetReferralHandler,
    GetHistoryHandler,
    TriageQueueHandler,
    SearchReferralsHandler,
    RetentionService,
  ],
  exports: [ReferralApplication, RetentionService],
})
export class ReferralsModule {}
