import {
  Global,
  Inject,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { EventStore, LingeringFollowStore } from '@app/event-store';
import { BLIND_INDEX, PROJECTION_EVENT_STORE } from '../infrastructure/store.module';
import type { BlindIndex } from '@app/privacy';
import { ProjectionRunner, ReadModels, projectionLeadership, superviseProjection } from '@app/read-models';

export const READ_MODELS = Symbol('READ_MODELS');
export const PROJECTIONS = Symbol('PROJECTIONS');

/**
 * How long the in-process projections wait after a short batch before reading on. Every append wakes
 * them; without the pause they apply one event per transaction under load, which cost the API about
 * as much CPU as the commands themselves (docs/performance.md). 25 ms of extra lag is invisible to a caseload.
 */
const PROJECTION_LINGER_MS = 25;

/**
 * Runs the projections in this process (unless RUN_PROJECTIONS=false) and owns the read-model database.
 * With PostgreSQL read models each projection runs on one instance at a time, the others standing by;
 * a projection interrupted by a database outage resumes from its checkpoint when the database is back.
 */
@Global()
@Module({
  providers: [
    {
      provide: READ_MODELS,
      inject: [APP_CONFIG, BLIND_INDEX],
      useFactory: (config: AppConfig, blindIndex: BlindIndex) =>
        ReadModels.open(config.readModelStore, { ...config, blindIndex }),
    },
    {
      provide: PROJECTIONS,
      inject: [PROJECTION_EVENT_STORE, READ_MODELS],
      useFactory: (store: EventStore, readModels: ReadModels) =>
        readModels.runners(new LingeringFollowStore(store, PROJECTION_LINGER_MS)),
    },
  ],
  exports: [READ_MODELS, PROJECTIONS],
})
export class ReadModelsModule implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly controller = new AbortController();
  private running: Promise<void>[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PROJECTIONS) private readonly runners: ProjectionRunner<unknown>[],
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runProjections) return;
    const leadership = projectionLeadership(this.config.readModelStore);
    const onInterrupted = (projection: string, err: unknown) =>
      this.logger.warn({ projection, err }, 'Projection interrupted; resuming');
    this.running = this.runners.map(async (runner) => {
      await superviseProjection(runner, this.controller.signal, { leadership, onInterrupted });
      const status = runner.current();
      if (status.state === 'failed')
        this.logger.error({ projection: status.name, failure: status.failure }, 'Projection stopped');
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.controller.abort();
    await Promise.all(this.running);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.readModels.close();
  }
}
