import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { arrayOf, boolean, count, dateTime, json, objectOf, oneOfValues, text, textBody } from './primitives';
import type { ResponseSpec } from './primitives';

const PROJECTION = objectOf(
  {
    name: text,
    state: oneOfValues(['idle', 'running', 'failed', 'stopped']),
    position: count,
    failure: objectOf(
      { position: count, eventType: text, stream: text, message: text },
      { closed: true, description: 'The event it could not apply; it stops there' },
    ),
    lastError: {
      type: 'string',
      description: 'Why the last batch could not be written, while it is retried',
    },
    eventsBehind: { type: 'integer', description: 'Head position minus the projection position' },
    secondsBehind: count,
  },
  { optional: ['failure', 'lastError'], closed: true },
);

const HEALTHY = objectOf(
  {
    status: oneOfValues(['ok', 'degraded'], '`degraded` when a projection has failed'),
    eventStore: objectOf({ status: oneOfValues(['up']), headPosition: count }, { closed: true }),
    projections: arrayOf(PROJECTION),
  },
  { closed: true },
);

const UNAVAILABLE = objectOf(
  {
    status: oneOfValues(['unavailable']),
    eventStore: objectOf({ status: oneOfValues(['down']) }, { closed: true }),
  },
  { closed: true },
);

const updown = oneOfValues(['up', 'down']);
const readiness = (status: string): SchemaObject =>
  objectOf(
    {
      status: oneOfValues([status]),
      checks: objectOf(
        {
          eventStore: updown,
          readModels: updown,
          projections: oneOfValues(['ok', 'failed']),
          shuttingDown: boolean,
        },
        { closed: true },
      ),
      failedProjections: arrayOf(text, 'Present only when a projection has failed'),
    },
    { optional: ['failedProjections'], closed: true },
  );

const BROKER = objectOf(
  { connected: boolean, lastContactAt: dateTime, checkedAt: dateTime, lastError: text },
  { optional: ['lastContactAt', 'checkedAt', 'lastError'] },
);
const RELAY = objectOf(
  {
    state: oneOfValues(['idle', 'running', 'retrying', 'failed', 'stopped']),
    position: count,
    published: count,
    lastError: text,
    failure: objectOf({ position: count, eventType: text }),
    eventsBehind: { type: 'integer', description: 'Stored events beyond the relay checkpoint' },
  },
  { optional: ['lastError', 'failure'] },
);
const GATEWAY = objectOf(
  {
    state: oneOfValues(['starting', 'running', 'retrying', 'restarting', 'stopped']),
    handled: count,
    lastError: text,
    crashes: count,
    lastCrashAt: dateTime,
    created: count,
    duplicates: count,
    recorded: count,
    deadLettered: count,
  },
  { optional: ['lastError', 'crashes', 'lastCrashAt'] },
);

const INTEGRATION = objectOf(
  {
    kafka: oneOfValues(['not_configured', 'configured', 'external']),
    status: oneOfValues(['ok', 'degraded', 'not_configured']),
    connected: boolean,
    broker: BROKER,
    relay: RELAY,
    gateway: GATEWAY,
    waitingTimes: objectOf(
      { lastRunAt: dateTime, published: count },
      { optional: ['lastRunAt', 'published'] },
    ),
  },
  { optional: ['broker', 'gateway', 'waitingTimes'], closed: true },
);

const ATTEMPT = objectOf({ code: text, reason: text, failedAt: text });
const DEAD_LETTER = objectOf(
  {
    ref: { type: 'string', description: '`<dead-letter topic>/<partition>/<offset>`' },
    originalTopic: text,
    originalRef: text,
    partner: text,
    sourceSystem: text,
    messageId: text,
    referralId: { type: 'string', format: 'uuid' },
    code: {
      type: 'string',
      description: 'Reason code, e.g. MESSAGE.PARTNER_UNKNOWN (`UNKNOWN` when missing)',
    },
    reason: text,
    failedAt: { type: 'string', description: 'ISO 8601 from the dead-letter header (empty when missing)' },
    attempts: arrayOf(ATTEMPT, 'Every failure of this message, oldest first'),
  },
  { optional: ['partner', 'sourceSystem', 'messageId', 'referralId'], closed: true },
);
const REPLAY = objectOf(
  {
    replayed: arrayOf(objectOf({ ref: text, to: text }, { closed: true })),
    skipped: arrayOf(objectOf({ ref: text, why: text }, { closed: true })),
  },
  { closed: true },
);

const METRICS_EXAMPLE =
  '# HELP http_requests_total HTTP requests answered, by method, route template and status code\n' +
  '# TYPE http_requests_total counter\n' +
  'http_requests_total{method="GET",route="/v1/referrals/:id",status="200"} 1893\n' +
  '# HELP projection_lag_events Events stored but not yet applied by the projection\n' +
  '# TYPE projection_lag_events gauge\n' +
  'projection_lag_events{projection="referral-summary"} 0\n';

const deadLetter = {
  ref: 'referrals.inbound.dlq.v1/0/17',
  originalTopic: 'referrals.inbound.v1',
  originalRef: 'referrals.inbound.v1/2/4411',
  partner: 'emis-web',
  sourceSystem: 'emis-web',
  messageId: 'msg-20260903-0042',
  referralId: '71c4e9a2-5d38-5b06-9f1e-3a8c6d2b4e97',
  code: 'MESSAGE.INVALID',
  reason: 'referral.youngPerson.dateOfBirth must be a real date written YYYY-MM-DD',
  failedAt: '2026-09-03T09:14:27.301Z',
  attempts: [
    {
      code: 'MESSAGE.INVALID',
      reason: 'referral.youngPerson.dateOfBirth must be a real date written YYYY-MM-DD',
      failedAt: '2026-09-03T09:14:27.301Z',
    },
  ],
};

/** Success responses of health, metrics and integration operations. */
export const OPERATIONS_RESPONSES: Record<string, ResponseSpec[]> = {
  getHealth: [
    json(200, 'The event store answers; `degraded` when a projection has failed', HEALTHY, {
      status: 'ok',
      eventStore: { status: 'up', headPosition: 4231 },
      projections: [
        { name: 'referral-summary', state: 'running', position: 4231, eventsBehind: 0, secondsBehind: 0 },
        { name: 'access-log', state: 'running', position: 4229, eventsBehind: 2, secondsBehind: 1 },
      ],
    }),
    json(503, 'The event store does not answer', UNAVAILABLE, {
      status: 'unavailable',
      eventStore: { status: 'down' },
    }),
  ],
  getLiveness: [
    json(200, 'The process answers', objectOf({ status: oneOfValues(['ok']) }, { closed: true }), {
      status: 'ok',
    }),
  ],
  getReadiness: [
    json(200, 'Ready to take traffic', readiness('ready'), {
      status: 'ready',
      checks: { eventStore: 'up', readModels: 'up', projections: 'ok', shuttingDown: false },
    }),
    json(
      503,
      'Not ready: shutting down, a store does not answer, or a projection failed',
      readiness('not_ready'),
      {
        status: 'not_ready',
        checks: { eventStore: 'up', readModels: 'up', projections: 'failed', shuttingDown: false },
        failedProjections: ['referral-summary'],
      },
    ),
  ],
  getMetrics: [textBody(200, 'Prometheus text exposition format', 'text/plain', METRICS_EXAMPLE)],
  getProblemTypes: [
    textBody(
      200,
      'The error catalogue as HTML',
      'text/html',
      '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Error codes</title></head><body>\n<h2 id="referral-closed">REFERRAL.CLOSED</h2>\n</body></html>\n',
    ),
  ],
  getIntegrationHealth: [
    json(200, 'Kafka integration state (positions and counts only)', INTEGRATION, {
      kafka: 'configured',
      status: 'ok',
      connected: true,
      broker: {
        connected: true,
        lastContactAt: '2026-09-03T10:10:00.000Z',
        checkedAt: '2026-09-03T10:10:00.000Z',
      },
      relay: { state: 'running', position: 4231, published: 312, eventsBehind: 0 },
      gateway: { state: 'running', handled: 87, created: 80, duplicates: 3, recorded: 3, deadLettered: 1 },
      waitingTimes: { lastRunAt: '2026-09-03T02:00:00.000Z', published: 4 },
    }),
  ],
  listDeadLetters: [
    json(
      200,
      'Inbound dead letters, without payloads',
      objectOf({ deadLetters: arrayOf(DEAD_LETTER) }, { closed: true }),
      { deadLetters: [deadLetter] },
    ),
  ],
  replayDeadLetters: [
    json(200, 'Replayed to their original topics (idempotent)', REPLAY, {
      replayed: [{ ref: 'referrals.inbound.dlq.v1/0/17', to: 'referrals.inbound.v1' }],
      skipped: [{ ref: 'referrals.inbound.dlq.v1/0/99', why: 'no such dead letter' }],
    }),
  ],
};
