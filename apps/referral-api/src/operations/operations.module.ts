import { Global, Inject, Module, OnModuleInit } from '@nestjs/common';
import { Metrics } from './metrics';
import { ProblemsController } from '../http/problems.controller';
import { MetricsController } from './metrics.controller';
import { StoreHealth } from './store-health';

/** Metrics, route naming for them, and store health for /health and /metrics. */
@Global()
@Module({
  controllers: [MetricsController, ProblemsController],
  providers: [{ provide: Metrics, useFactory: () => new Metrics() }, StoreHealth],
  exports: [Metrics, StoreHealth],
})
export class OperationsModule implements OnModuleInit {
  constructor(
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(StoreHealth) private readonly health: StoreHealth,
  ) {}

  onModuleInit(): void {
    this.metrics.onScrape(() => this.sampleStores());
  }

  private async sampleStores(): Promise<void> {
    const [store, readModels] = await Promise.all([
      this.health.eventStore(),
      this.health.readModelsAvailable(),
    ]);
    this.metrics.eventStoreUp.set(store.up ? 1 : 0);
    this.metrics.readModelStoreUp.set(readModels ? 1 : 0);
    const failed = new Set(this.health.failedProjections());
    if (!store.up) return;
    for (const p of await this.health.projectionLag()) {
      this.metrics.projectionLagEvents.set({ projection: p.name }, p.eventsBehind);
      this.metrics.projectionLagSeconds.set({ projection: p.name }, p.secondsBehind);
      this.metrics.projectionFailed.set({ projection: p.name }, failed.has(p.name) ? 1 : 0);
    }
  }
}
