import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { Public } from '../auth/auth.decorators';

/** Liveness and readiness: 200 when the event store answers, 503 otherwise. No personal data. */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Public()
  async health(@Res({ passthrough: true }) res: Response) {
    try {
      const headPosition = await this.store.headPosition();
      return { status: 'ok', eventStore: { status: 'up', headPosition } };
    } catch {
      res.status(503);
      return { status: 'unavailable', eventStore: { status: 'down' } };
    }
  }
}
