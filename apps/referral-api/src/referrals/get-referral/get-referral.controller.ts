import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RecordsAccess } from '../../audit/access-log/access-log.interceptor';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import type { Actor } from '@app/application';
import { uuidParam } from '../shared/timed.request';
import { GetReferralQuery } from './get-referral.query';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('v1/referrals')
export class GetReferralController {
  constructor(private readonly queryBus: QueryBus) {}

  /** The referral's current state, with its version as ETag. Referrers see only the status of their own. */
  @Get(':id')
  @ApiOperation({
    operationId: 'getReferral',
    summary:
      'The whole referral as the people working on it need it (a referrer sees its status only); access-logged',
  })
  @RecordsAccess()
  @Roles('referrer', 'integration', 'link_worker', 'service_manager', 'auditor')
  get(@Param('id', uuidParam('id')) id: string, @CurrentActor() actor: Actor): Promise<unknown> {
    return this.queryBus.execute(new GetReferralQuery(id, actor));
  }
}
