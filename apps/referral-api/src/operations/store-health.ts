import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import type { ProjectionRunner, ReadModelDb } from '@app/read-models';
import { CLOCK, Clock } from '../infrastructure/clock';
import { PROJECTIONS, READ_MODEL_DB } from '../projections/read-models.module';
import { ProjectionHealth, projectionLag } from '../projections/projection-lag';

export type StoreState = { up: true; headPosition: number } | { up: false };

/** Asks the stores whether they answer and how far each projection is behind; shared by /health and /metrics. */
@Injectable()
export class StoreHealth {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
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

  async readModels(): Promise<boolean> {
    try {
      await this.db.selectFrom('projection_checkpoints').select('name').limit(1).execute();
      return true;
    } catch {
      return false;
    }
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
