import { Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DeadLettersController } from './dead-letters.controller';
import { IntegrationHealthController } from './integration-health.controller';
import { InProcessIntegration } from './in-process-integration';

/** Kafka integration in the API process: the outbox relay and the inbound gateway, started on bootstrap and stopped on shutdown. */
@Module({
  controllers: [IntegrationHealthController, DeadLettersController],
  providers: [InProcessIntegration],
})
export class IntegrationModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(private readonly integration: InProcessIntegration) {}

  onApplicationBootstrap(): void {
    this.integration.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.integration.stop();
  }
}
