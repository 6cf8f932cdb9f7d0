import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@app/config';
import { AppModule } from './app.module';
import { installOperations } from './operations/operations.setup';

/** Builds the API exactly as production runs it; e2e tests use the same function. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  // A provider that cannot start (say, an unreachable database) rejects here instead of Nest
  // printing its stack and exiting, so main.ts can say what went wrong in one line.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    bufferLogs: true,
    autoFlushLogs: false,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.enableShutdownHooks();
  installOperations(app);
  setupOpenApi(app);
  return app;
}

function setupOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('CYP social prescribing referrals')
      .setDescription('Event-sourced referral pathways for children and young people aged 5-19. Errors are application/problem+json.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
