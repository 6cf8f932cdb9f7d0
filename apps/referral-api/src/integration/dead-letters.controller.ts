import { Body, Controller, Get, HttpCode, Inject, OnModuleDestroy, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, Matches } from 'class-validator';
import { Problems } from '@app/application';
import { APP_CONFIG } from '@app/config';
import type { AppConfig } from '@app/config';
import { topicNames } from '@app/contracts';
import { DeadLetters } from '@app/integration';
import type { DeadLetterView, ReplayResult } from '@app/integration';
import { KafkaMessaging } from '@app/messaging';
import type { MessagePublisher } from '@app/messaging';
import { Operational } from '../auth/auth.decorators';

const REF = /^[A-Za-z0-9._-]{1,249}\/\d{1,5}\/\d{1,19}$/;
const CODE = /^[A-Z_]{1,40}\.[A-Z_]{1,60}$/;

export class ReplayDeadLettersRequest {
  @ApiPropertyOptional({
    description: 'Dead letters to replay, as `<topic>/<partition>/<offset>`',
    type: [String],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @Matches(REF, { each: true, message: 'refs must be <topic>/<partition>/<offset>' })
  refs?: string[];

  @ApiPropertyOptional({
    description: 'Replay every dead letter with this reason code',
    example: 'MESSAGE.PARTNER_UNKNOWN',
  })
  @IsOptional()
  @Matches(CODE, { message: 'code must be a reason code such as MESSAGE.PARTNER_UNKNOWN' })
  code?: string;
}

/**
 * Operators' view of the inbound dead letters (the same as `npm run dlq`): listed without payloads, and
 * replayed to their original topic once the cause is fixed. Behind OPS_TOKEN; replay needs it set.
 */
@ApiTags('operations')
@Controller('admin/dead-letters')
export class DeadLettersController implements OnModuleDestroy {
  private publisher?: MessagePublisher;
  private letters?: DeadLetters;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private deadLetters(): DeadLetters {
    const kafka = this.config.kafka;
    if (!kafka)
      throw Problems.notFound('Dead letters live on Kafka, which is not configured here (KAFKA_BROKERS)');
    if (!this.letters) {
      const messaging = new KafkaMessaging(kafka);
      this.publisher = messaging.publisher();
      this.letters = new DeadLetters(messaging, this.publisher, topicNames(kafka.topicPrefix));
    }
    return this.letters;
  }

  @Get()
  @Operational()
  @ApiOperation({
    operationId: 'listDeadLetters',
    summary: 'Inbound dead letters, with every attempt’s reason (no payloads)',
  })
  @ApiQuery({ name: 'code', required: false, description: 'Only this reason code' })
  @ApiQuery({
    name: 'ref',
    required: false,
    description: 'Only this dead letter, `<topic>/<partition>/<offset>`',
  })
  async list(
    @Query('code') code?: string,
    @Query('ref') ref?: string,
  ): Promise<{ deadLetters: DeadLetterView[] }> {
    if (code !== undefined && !CODE.test(code))
      throw Problems.badRequest('code must be a reason code such as MESSAGE.INVALID');
    if (ref !== undefined && !REF.test(ref))
      throw Problems.badRequest('ref must be <topic>/<partition>/<offset>');
    const found = await this.deadLetters().list({ code });
    return { deadLetters: ref ? found.filter((v) => v.ref === ref) : found };
  }

  @Post('replay')
  @HttpCode(200)
  @Operational()
  @ApiOperation({
    operationId: 'replayDeadLetters',
    summary: 'Replays dead letters to their original topic (idempotent)',
  })
  async replay(@Body() body: ReplayDeadLettersRequest): Promise<ReplayResult> {
    if (!this.config.opsToken)
      throw Problems.forbidden(
        'Replaying dead letters over HTTP needs OPS_TOKEN set; use `npm run dlq -- replay` otherwise',
      );
    if (!body.refs === !body.code) throw Problems.badRequest('Give either refs or code');
    return this.deadLetters().replay(body.refs ? { refs: body.refs } : { code: body.code });
  }

  async onModuleDestroy(): Promise<void> {
    await this.publisher?.close();
  }
}
