import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { Roles } from '../../auth/auth.decorators';
import { canonicalJson } from '@app/event-store';
import type { CommandContext, CommandResult } from '../shared/command-context';
import { CommandCtx } from '../shared/command-context.decorator';
import { ReceiveReferralCommand, ReceiveReferralResult } from './receive-referral.command';
import { ReceiveReferralRequest } from './receive-referral.request';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('v1/referrals')
export class ReceiveReferralController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Receives a referral: 201 when created, 200 when the same referral was already received. */
  @Post()
  @Roles('referrer', 'integration', 'service_manager')
  async receive(
    @Body() body: ReceiveReferralRequest,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResult> {
    const hash = createHash('sha256').update(canonicalJson(body)).digest('hex');
    const result = await this.commandBus.execute<ReceiveReferralCommand, ReceiveReferralResult>(
      new ReceiveReferralCommand(body, ctx, hash),
    );
    res.status(result.created ? 201 : 200).location(`/v1/referrals/${result.id}`);
    return { id: result.id, version: result.version, status: result.status };
  }
}
