import { Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG } from '@app/config';
import type { AppConfig } from '@app/config';
import { DirectoryStore, openDirectory, seedSyntheticDirectory } from '@app/directory';
import { DIRECTORY, DirectoryController } from './directory.controller';
import { SuggestedServicesController } from './suggested-services.controller';
import { PrescriptionsController } from './prescriptions.controller';
import { DirectoryEditingController } from './directory-editing.controller';
import { DirectoryReportsController } from './reports/directory-reports.controller';
import { DirectoryReports } from './reports/directory-reports.service';
import { ReferralsModule } from '../referrals/referrals.module';

const CLOSE = Symbol('DIRECTORY_CLOSE');

/** Loads the shipped synthetic directory into an empty directory at start-up (unless DIRECTORY_SEED=false). */
@Injectable()
class DirectorySeed implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Directory');
  constructor(
    @Inject(DIRECTORY) private readonly directory: DirectoryStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOSE) private readonly close: () => Promise<void>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.directory.seed) return;
    const report = await seedSyntheticDirectory(this.directory, () => new Date().toISOString());
    if (report)
      this.logger.log(
        { added: report.added, rejected: report.rejected },
        'Loaded the synthetic directory into the empty directory',
      );
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }
}

/** The community directory (HSDS 3.0): its store, its read API at /directory, and the start-up seed. */
@Module({
  imports: [ReferralsModule],
  controllers: [
    DirectoryController,
    SuggestedServicesController,
    PrescriptionsController,
    DirectoryEditingController,
    DirectoryReportsController,
  ],
  providers: [
    {
      provide: 'DIRECTORY_OPENED',
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => openDirectory(config.readModelStore, config.dataDir),
    },
    {
      provide: DIRECTORY,
      inject: ['DIRECTORY_OPENED'],
      useFactory: (o: { store: DirectoryStore }) => o.store,
    },
    {
      provide: CLOSE,
      inject: ['DIRECTORY_OPENED'],
      useFactory: (o: { close: () => Promise<void> }) => o.close,
    },
    DirectorySeed,
    DirectoryReports,
  ],
  exports: [DIRECTORY],
})
export class DirectoryModule {}
