import { openApiDocument } from './http/openapi-document';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { secureDataDir } from '@app/config';
import type { AppConfig } from '@app/config';
import { AppModule } from './app.module';
import { correlationIdOf } from './http/correlation';
import { MAX_BODY_BYTES } from './http/json-body';
import { badUrl, installRequestPipeline } from './http/request-pipeline';
import { processLogger } from './operations/logging/log-destination';
import { PinoNestLogger } from './operations/logging/nest-logger';

/** Builds the API exactly as production runs it, on Fastify (ADR 0018); e2e tests use the same function. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  // Owner-only DATA_DIR however the API is started (main, tests, a host embedding it).
  secureDataDir(config.dataDir);
  const logger = processLogger(config.logLevel, config.logFormat);
  const adapter = new FastifyAdapter({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    genReqId: correlationIdOf,
    requestIdHeader: false,
    frameworkErrors: badUrl,
    // Node's own limits, as under Express: Fastify would wait for a request's body for ever (a client
    // trickling bytes holds a socket) and keep idle connections 72 s.
    requestTimeout: 300_000,
    keepAliveTimeout: 5_000,
    // Express's routing, kept: /v1/referrals/ is /v1/referrals, and ids up to 500 characters reach
    // validation (which names the problem) instead of the router's bare 414.
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false, maxParamLength: 500 },
  });
  // A provider that cannot start (say, an unreachable database) rejects here instead of Nest
  // printing its stack and exiting, so main.ts can say what went wrong in one line.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bodyParser: false,
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  app.enableShutdownHooks();
  installRequestPipeline(app, logger, config.opsToken);
  SwaggerModule.setup('docs', app, openApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  return app;
}
