import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Operational } from '../auth/auth.decorators';
import { InProcessIntegration } from './in-process-integration';
import type { IntegrationHealth } from './in-process-integration';

/** Whether Kafka is configured and how far the relay and gateway have got. Positions and counts only, no personal data. */
@ApiTags('operations')
@Controller('health/integration')
export class IntegrationHealthController {
  constructor(private readonly integration: InProcessIntegration) {}

  @Get()
  @ApiOperation({
    operationId: 'getIntegrationHealth',
    summary: 'Kafka broker connection, consumer state, relay position and lag (no personal data)',
  })
  @Operational()
  health(): Promise<IntegrationHealth> {
    return this.integration.health();
  }
}
