import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import type { ProjectionRunner, ReadModels } from '@app/read-models';
import { CLOCK, Clock } from '../infrastructure/clock';
import { PROJECTIONS, READ_MODELS } from '../projections/read-models.module';
import { ProjectionHealth, projectionLag } from '../projections/projection-lag';

export type StoreState = { up: true; headPosition: number } | { up: false };

/** Asks the stores whether they answer and how far each projection is behind; shared by /health and /metrics. */
@Injectable()
export class StoreHealth {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner<unknown>[],
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async eventStore(): Promise<StoreState> {
    try {
      return { up: true, headPosition: await this.store.headPosition() };
    } catch {
      return { up: false };
    }
  }

  readModelsAvailable(): Promise<boolean> {
    return this.readModels.isAvailable();
  }

  /** Each projection's state and lag; throws when the event store does not answer. */
  projectionLag(): Promise<ProjectionHealth[]> {
    return projectionLag(this.store, this.projections, Date.parse(this.clock.now()));
  }

  /** States only, without touching a store: a failed projection is known in memory. */
  failedProjections(): string[] {
    return this.projections
      .map((p) => p.current())
      .filter((s) => s.state === 'failed')
      .map((s) => s.name);
  }
}
