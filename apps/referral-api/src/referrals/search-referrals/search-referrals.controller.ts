import { ApiQueryFrom } from '../../http/openapi-schemas';
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/application';
import { RecordsAccess } from '../../audit/access-log/access-log.interceptor';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import { SearchReferralsQuery } from './search-referrals.handler';
import { SearchReferralsRequest } from './search-referrals.request';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('v1/referrals')
export class SearchReferralsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'searchReferrals',
    summary:
      "Referrals the caller may see, filtered (also by the young person's NHS number, name or date of birth) and ordered by when they were received, a page at a time (`next` reads on); each with possible-duplicate and data-quality flags. Every search is written to the access log.",
  })
  @RecordsAccess({ listed: 'referrals' })
  @ApiQueryFrom(SearchReferralsRequest)
  @Roles('link_worker', 'service_manager')
  search(@Query() query: SearchReferralsRequest, @CurrentActor() actor: Actor): Promise<unknown> {
    return this.queryBus.execute(new SearchReferralsQuery(query, actor));
  }
}
