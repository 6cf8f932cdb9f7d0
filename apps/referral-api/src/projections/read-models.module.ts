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
/** How often the report state is brought up to date, and how many events a projection may apply meanwhile. */
const KEEP_REPORT_STATE_MS = 2_000;
const BULK_EVENTS = 5_000;

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
  private keeper: NodeJS.Timeout | undefined;
  private keeping: Promise<void> | undefined;
  private readonly seen = new Map<string, number>();

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
    this.keeper = setInterval(() => this.keepReportState(), KEEP_REPORT_STATE_MS);
    this.keeper.unref();
  }

  /**
   * Brings the state the reports keep beside the projections (the referral spells, ADR 0019) up to
   * date in the background, so a report seldom finds work to do; not while the projections move in
   * bulk (a first start or a rebuild), when it is done once they settle.
   */
  private keepReportState(): void {
    const moved = Math.max(
      0,
      ...this.runners.map((runner) => {
        const { name, position } = runner.current();
        const before = this.seen.get(name) ?? 0;
        this.seen.set(name, position);
        return position - before;
      }),
    );
    if (this.keeping !== undefined || moved > BULK_EVENTS) return;
    this.keeping = this.readModels
      .refreshReportState()
      .catch((err: unknown) => this.logger.warn({ err }, 'Report state not brought up to date; retrying'))
      .finally(() => (this.keeping = undefined));
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.keeper);
    this.controller.abort();
    await Promise.all([...this.running, this.keeping]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.readModels.close();
  }
}
