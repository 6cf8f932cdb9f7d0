import { Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessLogController } from './access-log/access-log.controller';
import { AccessLogInterceptor } from './access-log/access-log.interceptor';
import { AccessLogWriter } from './access-log/access-log.writer';
import { CheckpointsController } from './checkpoints/checkpoints.controller';
import { CheckpointsService } from './checkpoints/checkpoints.service';
import { VerifyReferralController } from './verify-referral/verify-referral.controller';
import { VerifyReferralHandler } from './verify-referral/verify-referral.handler';

/** Global so that every module's reads record through the one access-log writer of this instance. */
@Global()
@Module({
  imports: [CqrsModule],
  controllers: [VerifyReferralController, AccessLogController, CheckpointsController],
  providers: [VerifyReferralHandler, AccessLogInterceptor, AccessLogWriter, CheckpointsService],
  exports: [AccessLogWriter, CheckpointsService],
})
export class AuditModule {}
