import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AcceptReferralController } from './accept-referral/accept-referral.controller';
import { AcceptReferralHandler } from './accept-referral/accept-referral.handler';
import { AnswerHandoffController } from './answer-handoff/answer-handoff.controller';
import { AnswerHandoffHandler } from './answer-handoff/answer-handoff.handler';
import { AssignLinkWorkerController } from './assign-link-worker/assign-link-worker.controller';
import { AssignLinkWorkerHandler } from './assign-link-worker/assign-link-worker.handler';
import { DeclineReferralController } from './decline-referral/decline-referral.controller';
import { DeclineReferralHandler } from './decline-referral/decline-referral.handler';
import { EndReferralController } from './end-referral/end-referral.controller';
import { EndReferralHandler } from './end-referral/end-referral.handler';
import { GetHistoryController } from './get-history/get-history.controller';
import { GetHistoryHandler } from './get-history/get-history.handler';
import { GetReferralController } from './get-referral/get-referral.controller';
import { GetReferralHandler } from './get-referral/get-referral.handler';
import { HoldSessionController } from './hold-session/hold-session.controller';
import { HoldSessionHandler } from './hold-session/hold-session.handler';
import { ObtainConsentController } from './obtain-consent/obtain-consent.controller';
import { ObtainConsentHandler } from './obtain-consent/obtain-consent.handler';
import { ReceiveReferralController } from './receive-referral/receive-referral.controller';
import { ReceiveReferralHandler } from './receive-referral/receive-referral.handler';
import { RecordGoalScoreController } from './record-goal-score/record-goal-score.controller';
import { RecordGoalScoreHandler } from './record-goal-score/record-goal-score.handler';
import { RecordOutcomeController } from './record-outcome/record-outcome.controller';
import { RecordOutcomeHandler } from './record-outcome/record-outcome.handler';
import { RequestHandoffController } from './request-handoff/request-handoff.controller';
import { RequestHandoffHandler } from './request-handoff/request-handoff.handler';
import { SetGoalsController } from './set-goals/set-goals.controller';
import { SetGoalsHandler } from './set-goals/set-goals.handler';
import { WithdrawConsentController } from './withdraw-consent/withdraw-consent.controller';
import { WithdrawConsentHandler } from './withdraw-consent/withdraw-consent.handler';
import { ReferralCommandRunner } from './shared/referral-command.runner';
import { RetentionService } from '../records/retention.service';
import { ErasePersonalDataController } from './erase-personal-data/erase-personal-data.controller';
import { ErasePersonalDataHandler } from './erase-personal-data/erase-personal-data.handler';
import { LiftLegalHoldController } from './lift-legal-hold/lift-legal-hold.controller';
import { LiftLegalHoldHandler } from './lift-legal-hold/lift-legal-hold.handler';
import { PlaceLegalHoldController } from './place-legal-hold/place-legal-hold.controller';
import { PlaceLegalHoldHandler } from './place-legal-hold/place-legal-hold.handler';

@Module({
  imports: [CqrsModule],
  controllers: [
    ReceiveReferralController,
    GetReferralController,
    GetHistoryController,
    AcceptReferralController,
    DeclineReferralController,
    AssignLinkWorkerController,
    ObtainConsentController,
    WithdrawConsentController,
    SetGoalsController,
    RecordGoalScoreController,
    HoldSessionController,
    RecordOutcomeController,
    RequestHandoffController,
    AnswerHandoffController,
    EndReferralController,
    PlaceLegalHoldController,
    LiftLegalHoldController,
    ErasePersonalDataController,
  ],
  providers: [
    ReferralCommandRunner,
    ReceiveReferralHandler,
    GetReferralHandler,
    GetHistoryHandler,
    AcceptReferralHandler,
    DeclineReferralHandler,
    AssignLinkWorkerHandler,
    ObtainConsentHandler,
    WithdrawConsentHandler,
    SetGoalsHandler,
    RecordGoalScoreHandler,
    HoldSessionHandler,
    RecordOutcomeHandler,
    RequestHandoffHandler,
    AnswerHandoffHandler,
    EndReferralHandler,
    PlaceLegalHoldHandler,
    LiftLegalHoldHandler,
    ErasePersonalDataHandler,
    RetentionService,
  ],
  exports: [ReferralCommandRunner, RetentionService],
})
export class ReferralsModule {}
