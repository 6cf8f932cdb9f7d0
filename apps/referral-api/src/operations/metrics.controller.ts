import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Operational } from '../auth/auth.decorators';
import { Metrics } from './metrics';

/**
 * Prometheus metrics: only aggregates with bounded labels (route templates, command types, outcomes,
 * projection names), never ids or personal data. Open by default like /health; behind OPS_TOKEN when
 * it is set, and off the public ingress all the same (docs/operations.md).
 */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @ApiOperation({ operationId: 'getMetrics', summary: 'Prometheus metrics (text exposition format)' })
  @Operational()
  @ApiOkResponse({ description: 'Prometheus text exposition format' })
  async scrape(@Res({ passthrough: true }) res: FastifyReply): Promise<string> {
    const body = await this.metrics.render();
    res.type(this.metrics.contentType);
    return body;
  }
}
