import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_STORE, EventStore } from '@app/event-store';
import type { ProjectionRunner } from '@app/read-models';
import { Public } from '../auth/auth.decorators';
import { CLOCK, Clock } from '../infrastructure/clock';
import { PROJECTIONS } from '../projections/read-models.module';
import { projectionLag } from '../projections/projection-lag';

/** 200 when the event store answers (degraded if a projection has stopped), 503 otherwise. No personal data. */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner<unknown>[],
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Public()
  async health(@Res({ passthrough: true }) res: Response) {
    try {
      const headPosition = await this.store.headPosition();
      const projections = await projectionLag(this.store, this.projections, Date.parse(this.clock.now()));
      const degraded = projections.some((p) => p.state === 'failed');
      return { status: degraded ? 'degraded' : 'ok', eventStore: { status: 'up', headPosition }, projections };
    } catch {
      res.status(503);
      return { status: 'unavailable', eventStore: { status: 'down' } };
    }
  }
}
