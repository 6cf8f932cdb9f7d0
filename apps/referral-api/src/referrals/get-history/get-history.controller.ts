import { ApiQueryFrom } from '../../http/openapi-schemas';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RecordsAccess } from '../../audit/access-log/access-log.interceptor';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import type { Actor } from '@app/application';
import { uuidParam } from '../shared/timed.request';
import { GetHistoryQuery } from './get-history.query';
import { GetHistoryRequest } from './get-history.request';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/referrals')
export class GetHistoryController {
  constructor(private readonly queryBus: QueryBus) {}

  /**
   * Every event with its metadata (who, when, correlation, hash) and the state they add up to;
   * `?version=N` or `?asOf=<ISO time>` replays the case as it stood then.
   */
  @Get(':id/history')
  @ApiOperation({
    operationId: 'getReferralHistory',
    summary: 'Every event of the referral with its metadata, for auditors replaying the case; access-logged',
  })
  @ApiQueryFrom(GetHistoryRequest)
  @RecordsAccess()
  @Roles('auditor', 'service_manager')
  history(
    @Param('id', uuidParam('id')) id: string,
    @Query() query: GetHistoryRequest,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return this.queryBus.execute(new GetHistoryQuery(id, actor, query));
  }
}
