import { DynamicModule, Global, Module, OnApplicationShutdown, Inject } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '@app/config';
import { SharedState, openSharedState } from '@app/read-models';
import { AuthenticationMiddleware, JWT_SECRET, JwtAuthGuard } from './auth/jwt-auth.guard';
import { TokenVerifier } from './auth/token-verifier';
import { resolveJwtSecret } from './auth/jwt-secret';
import { HealthController } from './health/health.controller';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { RequestValidationPipe } from './http/validation.pipe';
import { IdempotencyMiddleware } from './idempotency/idempotency.middleware';
import { IdempotencyStore } from '@app/read-models';
import { SHARED_STATE } from './infrastructure/shared-state';
import { StoreModule } from './infrastructure/store.module';
import { ReferralsModule } from './referrals/referrals.module';
import { ReadModelsModule } from './projections/read-models.module';
import { CaseloadsModule } from './caseloads/caseloads.module';
import { ReportsModule } from './reports/reports.module';
import { AuditModule } from './audit/audit.module';
import { IntegrationModule } from './integration/integration.module';
import { DirectoryModule } from './directory/directory.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { OperationsModule } from './operations/operations.module';
import { GracefulShutdown } from './operations/graceful-shutdown';
import { RateLimitMiddleware } from './operations/rate-limit/rate-limit.middleware';

@Global()
@Module({})
class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: JWT_SECRET, useFactory: () => resolveJwtSecret(config, 'optional') ?? null },
        // One verifier for the API and the dashboard's sign-in: one cache of the provider's signing keys.
        {
          provide: TokenVerifier,
          inject: [JWT_SECRET],
          useFactory: (secret: string | null) => new TokenVerifier(secret, config.auth),
        },
        { provide: SHARED_STATE, useFactory: () => openSharedState(config.sharedState, 'referral-api') },
        {
          provide: IdempotencyStore,
          inject: [SHARED_STATE],
          useFactory: (shared: SharedState) =>
            shared.database
              ? IdempotencyStore.open(shared.database)
              : IdempotencyStore.openSqlite(join(config.dataDir, 'api.sqlite')),
        },
      ],
      exports: [APP_CONFIG, JWT_SECRET, TokenVerifier, SHARED_STATE, IdempotencyStore],
    };
  }
}

/** Composition root of the referral API. */
@Module({})
export class AppModule implements OnApplicationShutdown {
  constructor(
    @Inject(IdempotencyStore) private readonly idempotency: IdempotencyStore,
    @Inject(SHARED_STATE) private readonly shared: SharedState,
  ) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        OperationsModule,
        StoreModule,
        ReadModelsModule,
        ReferralsModule,
        CaseloadsModule,
        ReportsModule,
        AuditModule,
        IntegrationModule,
        DirectoryModule,
        DashboardModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_PIPE, useClass: RequestValidationPipe },
        // In the root module so it drains HTTP before any other module shuts down.
        GracefulShutdown,
        // Run as Fastify hooks on every request (http/request-pipeline.ts).
        AuthenticationMiddleware,
        RateLimitMiddleware,
        IdempotencyMiddleware,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.idempotency.close();
    await this.shared.close();
  }
}
