import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { GracefulShutdown } from '../operations/graceful-shutdown';
import { StoreHealth } from '../operations/store-health';

/** Health, liveness and readiness. Positions, counts and states only: no personal data. */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly stores: StoreHealth,
    private readonly shutdown: GracefulShutdown,
  ) {}

  /** 200 when the event store answers (degraded if a projection has stopped), 503 otherwise; with each projection's lag. */
  @Get()
  @ApiOperation({
    operationId: 'getHealth',
    summary: 'Overall health: the event store and read models answer',
  })
  @Public()
  async health(@Res({ passthrough: true }) res: FastifyReply) {
    try {
      const store = await this.stores.eventStore();
      if (!store.up) throw new Error('event store down');
      const projections = await this.stores.projectionLag();
      const degraded = projections.some((p) => p.state === 'failed');
      return {
        status: degraded ? 'degraded' : 'ok',
        eventStore: { status: 'up', headPosition: store.headPosition },
        projections,
      };
    } catch {
      res.status(503);
      return { status: 'unavailable', eventStore: { status: 'down' } };
    }
  }

  /** Liveness: 200 whenever the process can answer at all. Restart the process only when this fails. */
  @Get('live')
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: the process answers' })
  @Public()
  live() {
    return { status: 'ok' };
  }

  /** Readiness: 503 while shutting down, when the event store or read-model database does not answer, or a projection has failed. */
  @Get('ready')
  @ApiOperation({
    operationId: 'getReadiness',
    summary: 'Readiness: the instance can take traffic (503 while it cannot)',
  })
  @Public()
  async ready(@Res({ passthrough: true }) res: FastifyReply) {
    const [store, readModels] = await Promise.all([
      this.stores.eventStore(),
      this.stores.readModelsAvailable(),
    ]);
    const failedProjections = this.stores.failedProjections();
    const checks = {
      eventStore: store.up ? 'up' : 'down',
      readModels: readModels ? 'up' : 'down',
      projections: failedProjections.length ? 'failed' : 'ok',
      shuttingDown: this.shutdown.isDraining,
    };
    const ready = store.up && readModels && failedProjections.length === 0 && !this.shutdown.isDraining;
    if (!ready) res.status(503);
    return {
      status: ready ? 'ready' : 'not_ready',
      checks,
      ...(failedProjections.length ? { failedProjections } : {}),
    };
  }
}
