import { ApiQueryFrom } from '../../http/openapi-schemas';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadModels } from '@app/read-models';
import { Roles } from '../../auth/auth.decorators';
import { toUtcIso } from '../../http/validators';
import { READ_MODELS } from '../../projections/read-models.module';
import { RecordsAccess } from './access-log.interceptor';
import { AccessLogRequest } from './access-log.request';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit/access')
export class AccessLogController {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  /** Who looked at which child's record, when and why (X-Purpose). Reading it is itself recorded. */
  @Get()
  @ApiOperation({
    operationId: 'listAccessLog',
    summary: "Who read which referral's personal data, when and why (filter by referral, actor, time)",
  })
  @ApiQueryFrom(AccessLogRequest)
  @Roles('auditor')
  @RecordsAccess()
  async list(@Query() q: AccessLogRequest) {
    const accesses = await this.readModels.findAccesses({
      referralId: q.referralId,
      actor: q.actor,
      from: q.from && toUtcIso(q.from),
      to: q.to && toUtcIso(q.to),
      limit: q.limit ?? 200,
    });
    return { accesses };
  }
}
