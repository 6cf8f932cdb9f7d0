import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ReadModelDb, findAccesses } from '@app/read-models';
import { Roles } from '../../auth/auth.decorators';
import { toUtcIso } from '../../http/validators';
import { READ_MODEL_DB } from '../../projections/read-models.module';
import { RecordsAccess } from './access-log.interceptor';
import { AccessLogRequest } from './access-log.request';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit/access')
export class AccessLogController {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  /** Who looked at which child's record, when and why (X-Purpose). Reading it is itself recorded. */
  @Get()
  @Roles('auditor')
  @RecordsAccess()
  async list(@Query() q: AccessLogRequest) {
    const accesses = await findAccesses(this.db, {
      referralId: q.referralId,
      actor: q.actor,
      from: q.from && toUtcIso(q.from),
      to: q.to && toUtcIso(q.to),
      limit: q.limit ?? 200,
    });
    return { accesses };
  }
}
