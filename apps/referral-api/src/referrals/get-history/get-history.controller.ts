import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import type { Actor } from '../../auth/roles';
import { uuidParam } from '../shared/timed.request';
import { GetHistoryQuery } from './get-history.query';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/referrals')
export class GetHistoryController {
  constructor(private readonly queryBus: QueryBus) {}

  /** Every event in the referral's stream with its metadata (who, when, correlation). */
  @Get(':id/history')
  @Roles('auditor', 'service_manager')
  history(@Param('id', uuidParam('id')) id: string, @CurrentActor() actor: Actor): Promise<unknown> {
    return this.queryBus.execute(new GetHistoryQuery(id, actor));
  }
}
