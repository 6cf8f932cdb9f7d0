import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import type { CommandContext, CommandResult } from '../shared/command-context';
import { CommandCtx } from '../shared/command-context.decorator';
import { uuidParam } from '../shared/timed.request';
import { ErasePersonalDataCommand } from './erase-personal-data.command';
import { ErasePersonalDataRequest } from './erase-personal-data.request';

@ApiTags('records management')
@ApiBearerAuth()
@Controller('v1/referrals')
export class ErasePersonalDataController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Erases the young person's personal data by destroying its key; the history still replays. */
  @Post(':id/erasure')
  @HttpCode(200)
  @Roles('service_manager')
  erase(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ErasePersonalDataRequest,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResult> {
    return this.commandBus.execute(new ErasePersonalDataCommand(id, body.reason, 'manual', ctx, body.at));
  }
}
