import { Logger } from '@nestjs/common';
import Fastify from 'fastify';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { PinoNestLogger } from './nest-logger';
import { correlationIdOf } from '../../http/correlation';
import { Metrics } from '../metrics';
import { requestLifecycle } from '../request-lifecycle';

function capture(level: pino.LevelWithSilent = 'info'): {
  logger: pino.Logger;
  lines: () => Record<string, unknown>[];
} {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ level }, sink);
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('request log', () => {
  const app = async (logger: pino.Logger) => {
    const server = Fastify({ genReqId: correlationIdOf });
    server.addHook('onRequest', requestLifecycle(logger, new Metrics(), { opened() {}, closed() {} }));
    server.get('/ok', () => ({ ok: true }));
    server.get('/boom', (_req, reply) => reply.status(500).send({}));
    await server.ready();
    return server.server;
  };
  // The line is written as the response closes, which may be just after the client has read it.
  const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('logs method, path without the query, status and correlation id, and echoes the id', async () => {
    const { logger, lines } = capture();
    const res = await request(await app(logger))
      .get('/ok?nhsNumber=9434765919')
      .set('X-Correlation-Id', 'corr-1')
      .set('Authorization', 'Bearer secret');
    await settled();
    expect(res.headers['x-correlation-id']).toBe('corr-1');
    const [line] = lines();
    expect(line).toMatchObject({
      level: 30,
      correlationId: 'corr-1',
      req: { method: 'GET', path: '/ok' },
      res: { statusCode: 200 },
      msg: 'request completed',
    });
    expect(JSON.stringify(line)).not.toMatch(/9434765919|secret/);
  });

  it('logs a 5xx at error level and gives a request without a usable id a new one', async () => {
    const { logger, lines } = capture();
    const res = await request(await app(logger))
      .get('/boom')
      .set('X-Correlation-Id', 'not a safe id');
    await settled();
    expect(res.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines()[0]).toMatchObject({
      level: 50,
      correlationId: res.headers['x-correlation-id'],
      res: { statusCode: 500 },
    });
  });

  it('writes nothing below its level', async () => {
    const { logger, lines } = capture('warn');
    await request(await app(logger)).get('/ok');
    await settled();
    expect(lines()).toEqual([]);
  });
});

describe('PinoNestLogger', () => {
  it("keeps a Nest logger's context, fields and message", () => {
    const { logger, lines } = capture();
    const nest = new Logger('Projections');
    Logger.overrideLogger(new PinoNestLogger(logger));
    nest.warn({ projection: 'referral-summary', position: 42 }, 'Projection interrupted; resuming');
    nest.log('Caught up');
    nest.error(new Error('disk full'));
    expect(lines()).toEqual([
      expect.objectContaining({
        level: 40,
        context: 'Projections',
        projection: 'referral-summary',
        position: 42,
        msg: 'Projection interrupted; resuming',
      }),
      expect.objectContaining({ level: 30, context: 'Projections', msg: 'Caught up' }),
      expect.objectContaining({
        level: 50,
        context: 'Projections',
        msg: 'disk full',
        err: expect.objectContaining({ message: 'disk full' }),
      }),
    ]);
  });
});
