import { randomUUID } from 'node:crypto';
import { EVENT_STORE } from '@app/event-store';
import type { EventStore } from '@app/event-store';
import { HalfSentRequest, connectionRefused } from './faults/support/half-sent-request';
import { Metrics } from '../src/operations/metrics';
import { Api, bearer, projectionsCaughtUp, startApi } from './support/api-harness';
import { referralBody } from './support/referral-fixtures';
import { LINK_WORKER, referralAt } from './support/referral-flow';

describe('Operations: metrics, health, security headers', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const lw = () => bearer(api.token('link_worker', LINK_WORKER));
  const metrics = async () => (await api.http().get('/metrics').expect(200)).text;

  it('/metrics needs no token and counts requests by route template, never by raw URL', async () => {
    const id = await referralAt(api, 'active');
    await api
      .http()
      .post(`/v1/referrals/${id}/sessions`)
      .set(lw())
      .send({ format: 'group', setting: 'school', durationMinutes: 30, attended: true })
      .expect(200);
    await api
      .http()
      .post('/v1/referrals')
      .set(bearer(api.token('referrer')))
      .set('Content-Type', 'text/plain')
      .send('hello')
      .expect(415);
    const res = await api.http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(res.text).toContain(
      'http_requests_total{method="POST",route="/v1/referrals/:id/sessions",status="200"} 1',
    );
    expect(res.text).toContain('http_requests_total{method="POST",route="/v1/referrals",status="415"} 1');
    expect(res.text).toContain('referral_commands_total{command="HoldSession",outcome="applied"} 1');
    expect(res.text).toMatch(
      new RegExp(
        `event_store_append_duration_seconds_count\\{store="${api.config.eventStore.kind}",outcome="ok"\\} [1-9]`,
      ),
    );
    expect(res.text).toMatch(
      /http_request_duration_seconds_bucket\{le="0\.1",method="POST",route="\/v1\/referrals\/:id\/sessions",status="200"\}/,
    );
  });

  it('/metrics carries no ids and no personal data', async () => {
    const body = referralBody();
    await api
      .http()
      .post('/v1/referrals')
      .set(bearer(api.token('referrer', 'school-9')))
      .send(body)
      .expect(201);
    await api
      .http()
      .get(`/v1/referrals/${body.id as string}`)
      .set(bearer(api.token('service_manager')))
      .expect(200);
    const text = await metrics();
    expect(text).not.toContain(body.id as string);
    expect(text).not.toMatch(/Sam|Taylor|2014-03-02|943 476 5919|9434765919|LA1 1AA|school-9|lw-ada/);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  });

  it('/metrics reports projection lag, store health and outcomes of refused commands', async () => {
    const id = await referralAt(api, 'received');
    await api
      .http()
      .post(`/v1/referrals/${id}/accept`)
      .set(lw())
      .set('If-Match', '"9"')
      .send({ linkWorkerId: LINK_WORKER })
      .expect(412);
    await api
      .http()
      .post(`/v1/referrals/${id}/sessions`)
      .set(bearer(api.token('service_manager')))
      .send({ format: 'group', setting: 'school', durationMinutes: 30, attended: true })
      .expect(422);
    await projectionsCaughtUp(api);
    const text = await metrics();
    expect(text).toContain('referral_commands_total{command="AcceptReferral",outcome="stale"} 1');
    expect(text).toContain('referral_commands_total{command="HoldSession",outcome="rule_broken"} 1');
    expect(text).toContain('projection_lag_events{projection="referral-summary"} 0');
    expect(text).toContain('projection_failed{projection="referral-summary"} 0');
    expect(text).toContain('event_store_up 1');
    expect(text).toContain('read_model_store_up 1');
    // Registered for the Kafka integration, which increments and sets them.
    expect(text).toContain('# TYPE integration_dead_letters_total counter');
    expect(text).toContain('# TYPE integration_relay_lag_events gauge');
  });

  it('/health/live and /health/ready answer 200 while the app and its stores are well', async () => {
    await api.http().get('/health/live').expect(200, { status: 'ok' });
    const ready = await api.http().get('/health/ready').expect(200);
    expect(ready.body).toEqual({
      status: 'ready',
      checks: { eventStore: 'up', readModels: 'up', projections: 'ok', shuttingDown: false },
    });
    expect((await api.http().get('/health').expect(200)).body.status).toBe('ok');
  });

  it("keeps Node's server limits: a request must arrive within 300 s, an idle connection closes after 5 s", () => {
    const server = api.app.getHttpServer();
    expect(server.requestTimeout).toBe(300_000);
    expect(server.keepAliveTimeout).toBe(5_000);
  });

  it('sets security headers on API answers, problems and the docs; API answers are never cached', async () => {
    const id = await referralAt(api, 'received');
    const ok = await api
      .http()
      .get(`/v1/referrals/${id}`)
      .set(bearer(api.token('service_manager')))
      .expect(200);
    const problem = await api.http().get(`/v1/referrals/${id}`).expect(401);
    for (const res of [ok, problem]) {
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
        'content-security-policy': expect.stringContaining("default-src 'none'"),
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
    const docs = await api.http().get('/docs/').expect(200);
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
    expect(docs.headers['x-frame-options']).toBe('DENY');
    expect(docs.headers['cache-control']).not.toBe('no-store');
  });
});

describe('Operations: readiness when something is wrong', () => {
  it('/health/ready is 503 when a projection has stopped on an event it cannot apply; liveness stays 200', async () => {
    const api = await startApi();
    try {
      const store = api.app.get<EventStore>(EVENT_STORE);
      const metadata = {
        eventId: randomUUID(),
        occurredAt: '2026-09-01T09:00:00Z',
        actor: { sub: 'x', roles: [] },
        correlationId: 'c',
        causationId: 'c',
        schemaVersion: 1,
      };
      // Only clear fields, so it stores as given (anything undeclared would be sealed), but no young person.
      const referralId = randomUUID();
      await store.append(
        `referral-${referralId}`,
        [{ type: 'ReferralReceived', data: { referralId, urgency: 'routine' }, metadata }],
        'no_stream',
      );
      let ready = await api.http().get('/health/ready');
      for (let i = 0; i < 100 && ready.status === 200; i += 1) {
        await new Promise((r) => setTimeout(r, 20));
        ready = await api.http().get('/health/ready');
      }
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({
        status: 'not_ready',
        checks: { projections: 'failed' },
        failedProjections: ['referral-summary'],
      });
      await api.http().get('/health/live').expect(200);
      expect((await api.http().get('/metrics')).text).toContain(
        'projection_failed{projection="referral-summary"} 1',
      );
    } finally {
      await api.close();
    }
  });

  it('/health/ready is 503 when the event store does not answer', async () => {
    const api = await startApi();
    try {
      await api.app.get<EventStore>(EVENT_STORE).close();
      const ready = await api.http().get('/health/ready').expect(503);
      expect(ready.body.checks).toMatchObject({ eventStore: 'down' });
      await api.http().get('/health/live').expect(200);
      expect((await api.http().get('/metrics')).text).toContain('event_store_up 0');
    } finally {
      await api.close();
    }
  });
});

describe('Operations: rate limiting writes per client', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi({ RATE_LIMIT_WRITES_PER_MINUTE: '60', RATE_LIMIT_WRITE_BURST: '3' });
  });
  afterAll(() => api.close());

  it('answers 429 problem+json with Retry-After once a client has used its burst; others and reads are not affected', async () => {
    const referrer = bearer(api.token('referrer', 'busy-school'));
    for (let i = 0; i < 3; i += 1)
      await api.http().post('/v1/referrals').set(referrer).send(referralBody()).expect(201);
    const limited = await api.http().post('/v1/referrals').set(referrer).send(referralBody()).expect(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({
      status: 429,
      title: 'Too many requests',
      code: 'HTTP.RATE_LIMITED',
      detail: expect.any(String),
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    await api
      .http()
      .post('/v1/referrals')
      .set(bearer(api.token('referrer', 'quiet-school')))
      .send(referralBody())
      .expect(201);
    await api
      .http()
      .get('/v1/caseloads')
      .set(bearer(api.token('service_manager', 'busy-school')))
      .expect(200);
    expect((await api.http().get('/metrics')).text).toContain(
      'http_rate_limited_total{route="/v1/referrals"} 1',
    );
  });

  it('limits callers without a valid token by address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await api.http().post('/v1/referrals').send(referralBody())).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});

describe('Operations: rate limiting reads per client', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi({ RATE_LIMIT_READS_PER_MINUTE: '60', RATE_LIMIT_READ_BURST: '3' });
  });
  afterAll(() => api.close());

  it('answers 429 with Retry-After once a client has used its read burst; its writes, other readers and probes go on', async () => {
    const poller = bearer(api.token('service_manager', 'polling-manager'));
    for (let i = 0; i < 3; i += 1) await api.http().get('/v1/caseloads').set(poller).expect(200);
    const limited = await api.http().get('/v1/caseloads').set(poller).expect(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({
      status: 429,
      code: 'HTTP.RATE_LIMITED',
      detail: expect.stringContaining('read requests'),
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    await api
      .http()
      .get('/v1/caseloads')
      .set(bearer(api.token('service_manager', 'other-manager')))
      .expect(200);
    await api
      .http()
      .post('/v1/referrals')
      .set(bearer(api.token('referrer', 'polling-manager')))
      .send(referralBody())
      .expect(201);
    for (let i = 0; i < 5; i += 1) await api.http().get('/health/live').expect(200);
    expect((await api.http().get('/metrics')).text).toContain(
      'http_rate_limited_reads_total{route="/v1/caseloads"} 1',
    );
  });
});

describe('Operations: graceful shutdown', () => {
  it('closing the app refuses new connections but finishes a request already being received', async () => {
    const api = await startApi();
    const id = await referralAt(api, 'active');
    await api.app.listen(0, '127.0.0.1');
    const address = api.app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const request = new HalfSentRequest(
      port,
      `/v1/referrals/${id}/sessions`,
      { Authorization: `Bearer ${api.token('link_worker', LINK_WORKER)}` },
      { format: 'virtual', setting: 'online', durationMinutes: 15, attended: true },
    );
    const inFlight = api.app.get(Metrics).httpInFlight;
    await until(async () => ((await inFlight.get()).values[0]?.value ?? 0) >= 1);

    const closing = api.close();
    expect(await until(() => connectionRefused(port))).toBe(true);
    const res = await request.finish();
    expect(res).toMatchObject({ status: 200, headers: { connection: 'close' } });
    await closing;
  });
});

async function until(probe: () => Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}
