import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import type { CommandContext, CommandResult } from '../shared/command-context';
import { CommandCtx } from '../shared/command-context.decorator';
import { uuidParam } from '../shared/timed.request';
import { AssignLinkWorkerCommand } from './assign-link-worker.command';
import { AssignLinkWorkerRequest } from './assign-link-worker.request';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('v1/referrals')
export class AssignLinkWorkerController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Assigns an accepted or active referral to another link worker. */
  @Post(':id/assign')
  @HttpCode(200)
  @Roles('service_manager')
  assignLinkWorker(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: AssignLinkWorkerRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResult> {
    return this.commandBus.execute(new AssignLinkWorkerCommand(id, body, ctx));
  }
}
