import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import type { CommandContext, CommandResult } from '../shared/command-context';
import { CommandCtx } from '../shared/command-context.decorator';
import { uuidParam } from '../shared/timed.request';
import { PlaceLegalHoldCommand } from './place-legal-hold.command';
import { PlaceLegalHoldRequest } from './place-legal-hold.request';

@ApiTags('records management')
@ApiBearerAuth()
@Controller('v1/referrals')
export class PlaceLegalHoldController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Places a legal hold (e.g. a public inquiry): personal data cannot be erased while it is in force. */
  @Post(':id/legal-hold')
  @HttpCode(200)
  @Roles('service_manager')
  placeLegalHold(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: PlaceLegalHoldRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResult> {
    return this.commandBus.execute(new PlaceLegalHoldCommand(id, body, ctx));
  }
}
