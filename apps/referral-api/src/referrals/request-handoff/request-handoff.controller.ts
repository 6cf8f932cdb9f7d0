import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import type { CommandContext } from '../shared/command-context';
import { CommandCtx } from '../shared/command-context.decorator';
import { uuidParam } from '../shared/timed.request';
import { RequestHandoffCommand, RequestHandoffResult } from './request-handoff.command';
import { RequestHandoffRequest } from './request-handoff.request';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('v1/referrals')
export class RequestHandoffController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Requests a handoff to CAMHS, an MHST or the school: 202, delivered asynchronously. */
  @Post(':id/handoffs')
  @HttpCode(202)
  @Roles('link_worker', 'service_manager')
  requestHandoff(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: RequestHandoffRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<RequestHandoffResult> {
    return this.commandBus.execute(new RequestHandoffCommand(id, body, ctx));
  }
}
