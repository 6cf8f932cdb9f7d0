import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessLogController } from './access-log/access-log.controller';
import { AccessLogInterceptor } from './access-log/access-log.interceptor';
import { VerifyReferralController } from './verify-referral/verify-referral.controller';
import { VerifyReferralHandler } from './verify-referral/verify-referral.handler';

@Module({
  imports: [CqrsModule],
  controllers: [VerifyReferralController, AccessLogController],
  providers: [VerifyReferralHandler, AccessLogInterceptor],
})
export class AuditModule {}
