import { openApiDocument } from './http/openapi-document';
import { problemType } from './http/problem-types';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { secureDataDir } from '@app/config';
import type { AppConfig } from '@app/config';
import { AppModule } from './app.module';
import { opsTokenAccepted } from './auth/jwt-auth.guard';
import { versionEtag } from './http/etag';
import { processLogger } from './operations/logging/log-destination';
import { PinoNestLogger } from './operations/logging/nest-logger';
import { requestLog } from './operations/logging/request-log.middleware';
import { installOperations } from './operations/operations.setup';

/** Builds the API exactly as production runs it; e2e tests use the same function. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  // Owner-only DATA_DIR however the API is started (main, tests, a host embedding it).
  secureDataDir(config.dataDir);
  // A provider that cannot start (say, an unreachable database) rejects here instead of Nest
  // printing its stack and exiting, so main.ts can say what went wrong in one line.
  const logger = processLogger(config.logLevel, config.logFormat);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  app.disable('x-powered-by');
  app.set('etag', false);
  app.enableShutdownHooks();
  app.use(requestLog(logger));
  app.use(versionEtag);
  installOperations(app);
  setupOpenApi(app, config.opsToken);
  return app;
}

function setupOpenApi(app: NestExpressApplication, opsToken: string | undefined): void {
  // Behind OPS_TOKEN when it is set, like /metrics: the docs map every route and parameter.
  app.use(['/docs', '/docs-json'], (req: Request, res: Response, next: NextFunction) => {
    if (opsTokenAccepted(opsToken, req.headers.authorization)) return next();
    res
      .status(401)
      .type('application/problem+json')
      .send({
        type: problemType(undefined, 401),
        title: 'Unauthorized',
        status: 401,
        detail: 'Send Authorization: Bearer <OPS_TOKEN>',
      });
  });
  const document = openApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
