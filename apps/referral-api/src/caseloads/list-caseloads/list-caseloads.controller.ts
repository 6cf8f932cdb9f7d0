import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import { ListCaseloadsQuery } from './list-caseloads.query';

@ApiTags('caseloads')
@ApiBearerAuth()
@Controller('v1/caseloads')
export class ListCaseloadsController {
  constructor(private readonly queryBus: QueryBus) {}

  /** One row per link worker with their open referral counts. */
  @Get()
  @ApiOperation({ operationId: 'listCaseloads', summary: 'Caseload sizes per link worker (counts only)' })
  @Roles('service_manager')
  list(): Promise<unknown> {
    return this.queryBus.execute(new ListCaseloadsQuery());
  }
}
