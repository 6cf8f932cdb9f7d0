import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RecordsAccess } from '../../audit/access-log/access-log.interceptor';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import type { Actor } from '@app/application';
import { idParam } from '../../referrals/shared/timed.request';
import { GetCaseloadQuery } from './get-caseload.query';

@ApiTags('caseloads')
@ApiBearerAuth()
@Controller('v1/caseloads')
export class GetCaseloadController {
  constructor(private readonly queryBus: QueryBus) {}

  /** A link worker's accepted and active referrals: the link worker themselves, or a service manager. */
  @Get(':linkWorkerId')
  @ApiOperation({ operationId: 'getCaseload', summary: "One link worker's caseload; access-logged" })
  @RecordsAccess({ listed: 'referrals' })
  @Roles('link_worker', 'service_manager')
  get(
    @Param('linkWorkerId', idParam('linkWorkerId')) linkWorkerId: string,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return this.queryBus.execute(new GetCaseloadQuery(linkWorkerId, actor));
  }
}
