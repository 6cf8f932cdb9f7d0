import fc from 'fast-check';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { DeciderStore, EVENT_STORE } from '@app/event-store';
import type { EventStore } from '@app/event-store';
import { referralDecider, referralStreamName } from '@app/referral-domain';
import type { OpenReferral } from '@app/referral-domain';
import { servedRoutes } from '../src/http/request-pipeline';
import { signToken } from '../src/auth/jwt-auth.guard';
import { ROLES } from '@app/application';
import type { Role } from '@app/application';
import { Api, TEST_SECRET, bearer, projectionsCaughtUp, startApi } from './support/api-harness';
import { FUZZ_ENDPOINTS, FuzzEndpoint } from './support/fuzz-endpoints';
import { BodyInput, bodies, contentTypes, headerValue, segmentJunk } from './support/fuzz-inputs';
import { RawHttp, RawRequest, RawResponse } from './support/raw-http';
import { LINK_WORKER, referralAt } from './support/referral-flow';

/*
 * Property-based fuzzing of every HTTP endpoint: near-valid and hostile bodies, path parameters, query
 * strings and headers (Authorization, If-Match, Idempotency-Key, Content-Type, Accept). For every input:
 * no 5xx, every refusal is problem+json with title, status and detail, a refusal writes nothing, and an
 * acceptance writes only to the referral it names. 10,000 inputs in all; FUZZ_SCALE=0.1 runs a tenth.
 * The inbound Kafka topics are fuzzed by kafka-fuzz.int-spec.ts, against the real broker.
 */
const SCALE = Number(process.env.FUZZ_SCALE ?? '1');
const TOTAL_INPUTS = 10_000;
const RUNS_PER_ENDPOINT = Math.max(1, Math.ceil((TOTAL_INPUTS * SCALE) / FUZZ_ENDPOINTS.length));
// Printed on every run, so a failure seen once (even outside the property, e.g. a projection stalled by an input) replays.
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
process.stdout.write(`HTTP fuzz: seed ${SEED} (FUZZ_SEED=${SEED} replays)\n`);

const SUBS: Record<Role, string> = {
  referrer: 'school-system-1',
  integration: 'integration-1',
  link_worker: LINK_WORKER,
  service_manager: 'sm-1',
  commissioner: 'icb-1',
  auditor: 'aud-1',
  directory_editor: 'ed-1',
};

type Stage = 'received' | 'accepted' | 'active' | 'ended';
type Pool = Record<Stage, string>;
type IdInput = { stage: Stage } | { unknown: true } | { raw: string };
type TokenInput =
  { role: Role; sub: string } | { broken: 'none' | 'garbage' | 'expired' | 'wrong-secret' | 'no-roles' };

type Input = {
  method: string;
  id: IdInput;
  child: { existing: true } | { raw: string };
  linkWorkerId: string;
  query: Record<string, string>;
  junkQuery: [string, string][];
  token: TokenInput;
  /** 'current' sends the referral's current version; any other value is sent as it is. */
  ifMatch?: string;
  idempotencyKey?: string;
  contentType?: string;
  accept?: string;
  purpose?: string;
  correlationId?: string;
  body: BodyInput;
};

function inputs(endpoint: FuzzEndpoint): fc.Arbitrary<Input> {
  const stages = fc.constantFrom<Stage>('received', 'accepted', 'active', 'ended');
  return fc.record(
    {
      method: fc.oneof(
        { weight: 15, arbitrary: fc.constant(endpoint.method) },
        { weight: 1, arbitrary: fc.constantFrom('PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'GET', 'POST') },
      ),
      id: fc.oneof(
        { weight: 8, arbitrary: stages.map((stage): IdInput => ({ stage })) },
        { weight: 1, arbitrary: fc.constant<IdInput>({ unknown: true }) },
        { weight: 1, arbitrary: segmentJunk.map((raw): IdInput => ({ raw })) },
      ),
      child: fc.oneof(
        { weight: 4, arbitrary: fc.constant({ existing: true as const }) },
        { weight: 1, arbitrary: segmentJunk.map((raw) => ({ raw })) },
      ),
      linkWorkerId: fc.oneof(fc.constant(LINK_WORKER), segmentJunk),
      query: endpoint.query ?? fc.constant({}),
      junkQuery: fc.array(fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 30 })), {
        maxLength: 2,
      }),
      token: fc.oneof(
        {
          weight: 8,
          arbitrary: fc
            .constantFrom(...endpoint.roles)
            .map((role): TokenInput => ({ role, sub: SUBS[role] })),
        },
        {
          weight: 2,
          arbitrary: fc.constantFrom(...ROLES).map((role): TokenInput => ({ role, sub: 'someone-else' })),
        },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom('none', 'garbage', 'expired', 'wrong-secret', 'no-roles')
            .map((broken): TokenInput => ({ broken })),
        },
      ),
      ifMatch: fc.oneof(
        { weight: 4, arbitrary: fc.constant(undefined) },
        { weight: 3, arbitrary: fc.constant('current') },
        {
          weight: 2,
          arbitrary: fc.constantFrom(
            '"0"',
            '"999999999"',
            '*',
            'W/"1"',
            '1',
            '""',
            '"-1"',
            '"1.5"',
            '"99999999999"',
            '"1", "2"',
          ),
        },
        { weight: 1, arbitrary: headerValue },
      ),
      idempotencyKey: fc.option(fc.oneof(fc.uuid(), headerValue), { freq: 4, nil: undefined }),
      contentType: fc.option(contentTypes, { freq: 10, nil: undefined }),
      accept: fc.option(
        fc.constantFrom(
          'application/json',
          'text/csv',
          '*/*',
          'text/html',
          'application/problem+json',
          'x/y;q=abc',
        ),
        { freq: 3, nil: undefined },
      ),
      purpose: fc.option(headerValue, { freq: 4, nil: undefined }),
      correlationId: fc.option(headerValue, { freq: 4, nil: undefined }),
      body: bodies(endpoint.body),
    },
    { requiredKeys: ['method', 'id', 'child', 'linkWorkerId', 'query', 'junkQuery', 'token', 'body'] },
  );
}

const signed = new Map<string, string>();

function authorization(token: TokenInput): string | undefined {
  if ('role' in token) {
    const key = `${token.role} ${token.sub}`;
    if (!signed.has(key)) signed.set(key, `Bearer ${signToken(TEST_SECRET, token.sub, [token.role])}`);
    return signed.get(key);
  }
  switch (token.broken) {
    case 'none':
      return undefined;
    case 'garbage':
      return 'Bearer abc.def';
    case 'expired':
      return `Bearer ${signToken(TEST_SECRET, 'sm-1', ['service_manager'], -10)}`;
    case 'wrong-secret':
      return `Bearer ${signToken('another-secret-that-is-long-enough-0123456789', 'sm-1', ['service_manager'])}`;
    case 'no-roles':
      return `Bearer ${jwt.sign({ sub: 'sm-1' }, TEST_SECRET, { algorithm: 'HS256', expiresIn: 60 })}`;
  }
}

function encodeBody(body: BodyInput): Buffer | undefined {
  switch (body.kind) {
    case 'none':
      return undefined;
    case 'json':
      return Buffer.from(JSON.stringify(body.value) ?? 'null');
    case 'raw':
      return Buffer.from(body.text);
    case 'oversized':
      return Buffer.from(JSON.stringify({ notes: 'x'.repeat(300 * 1024) }));
  }
}

function referralIdOf(id: IdInput, ids: Pool): string | undefined {
  if ('stage' in id) return ids[id.stage];
  return 'unknown' in id ? '0b7e3d9a-1f0c-4a8e-9d47-5a0c8b2e6f11' : undefined;
}

/** Whether resolving the input needs the referral's state: its version for If-Match, or a child's id. */
function needsState(endpoint: FuzzEndpoint, input: Input): boolean {
  return (
    input.ifMatch === 'current' ||
    ('existing' in input.child &&
      /:goalId|:handoffId|:appointmentId|:sessionId|:outcomeId|:prescriptionId/.test(endpoint.path))
  );
}

/** Where each child id of a path comes from in the referral's state (the first one recorded). */
const CHILDREN: [string, (s: OpenReferral) => string | undefined][] = [
  [':goalId', (s) => s.goals[0]?.goalId],
  [':appointmentId', (s) => s.appointments[0]?.appointmentId],
  [':sessionId', (s) => s.sessions[0]?.sessionId],
  [':outcomeId', (s) => s.outcomes[0]?.outcomeId],
  [':handoffId', (s) => s.handoffs[0]?.handoffId],
  [':prescriptionId', (s) => s.prescriptions[0]?.prescriptionId],
];

function childSegment(
  endpoint: FuzzEndpoint,
  child: Input['child'],
  state: OpenReferral | undefined,
): string {
  if (!('existing' in child)) return child.raw;
  const found = CHILDREN.find(([placeholder]) => endpoint.path.includes(placeholder));
  return (found && state && found[1](state)) ?? 'none';
}

function pathOf(endpoint: FuzzEndpoint, input: Input, idSegment: string, child: string): string {
  return endpoint.path
    .replace(':id', idSegment)
    .replace(':goalId', child)
    .replace(':handoffId', child)
    .replace(':appointmentId', child)
    .replace(':sessionId', child)
    .replace(':outcomeId', child)
    .replace(':prescriptionId', child)
    .replace(':serviceId', child)
    .replace(':reportId', child)
    .replace(':name', child)
    .replace(':version', child === 'none' ? '1' : child)
    .replace(':treeSize', child === 'none' ? '1' : child)
    .replace(':linkWorkerId', input.linkWorkerId);
}

function queryOf(input: Input): string {
  return [...Object.entries(input.query), ...input.junkQuery]
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

/** Optional inputs sent as they are, in this header order (after Authorization and If-Match). */
const PLAIN_HEADERS = [
  ['idempotencyKey', 'Idempotency-Key'],
  ['accept', 'Accept'],
  ['purpose', 'X-Purpose'],
  ['correlationId', 'X-Correlation-Id'],
] as const;

function headersOf(
  input: Input,
  auth: string | undefined,
  version: number,
  body: Buffer | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (auth) headers.Authorization = auth;
  if (input.ifMatch !== undefined)
    headers['If-Match'] = input.ifMatch === 'current' ? `"${version}"` : input.ifMatch;
  for (const [field, header] of PLAIN_HEADERS) {
    const value = input[field];
    if (value !== undefined) headers[header] = value;
  }
  if (body && input.contentType !== undefined) headers['Content-Type'] = input.contentType;
  return headers;
}

describe('Fuzzing every HTTP endpoint', () => {
  let api: Api;
  let http: RawHttp;
  let store: EventStore;
  let deciders: DeciderStore;

  beforeAll(async () => {
    // On tmpfs where there is one: this is about input handling, not durability, and fsyncs dominate otherwise.
    const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
    api = await startApi(
      { RATE_LIMIT_WRITES_PER_MINUTE: '0', RATE_LIMIT_READS_PER_MINUTE: '0' },
      mkdtempSync(join(base, 'referral-fuzz-')),
    );
    await api.app.listen(0, '127.0.0.1');
    const address = api.app.getHttpServer().address();
    http = new RawHttp(typeof address === 'object' && address ? address.port : 0);
    store = api.app.get<EventStore>(EVENT_STORE);
    deciders = api.app.get(DeciderStore);
  });
  afterAll(async () => {
    http.close();
    await api.close();
  });

  it('lists every route the API serves', () => {
    const served = servedRoutes(api.app)
      .filter((r) => !/[*{]/.test(r.url) && !r.url.startsWith('/docs'))
      .map((r) => `${r.method} ${r.url}`);
    const fuzzed = FUZZ_ENDPOINTS.map((e) => `${e.method} ${e.path}`);
    expect(served.filter((r) => !fuzzed.includes(r))).toEqual([]);
  });

  async function pool(): Promise<Pool> {
    const [received, accepted, active, ended] = await Promise.all([
      referralAt(api, 'received'),
      referralAt(api, 'accepted'),
      referralAt(api, 'active'),
      referralAt(api, 'active'),
    ]);
    const lw = bearer(api.token('link_worker', LINK_WORKER));
    for (const id of [active, ended]) {
      await api
        .http()
        .post(`/v1/referrals/${id}/goals`)
        .set(lw)
        .send({ goals: [{ description: 'Sleep better', score: 3 }] })
        .expect(200);
      await api
        .http()
        .post(`/v1/referrals/${id}/handoffs`)
        .set(lw)
        .send({ target: 'camhs', reason: 'Needs specialist help', urgency: 'routine' })
        .expect(202);
      await api
        .http()
        .post(`/v1/referrals/${id}/appointments`)
        .set(lw)
        .send({
          startsAt: '2030-01-01T09:00:00Z',
          format: 'one_to_one',
          setting: 'school',
          durationMinutes: 45,
        })
        .expect(200);
    }
    await api
      .http()
      .post(`/v1/referrals/${ended}/end`)
      .set(lw)
      .send({ reason: 'goals_achieved' })
      .expect(200);
    return { received, accepted, active, ended };
  }

  async function resolve(
    endpoint: FuzzEndpoint,
    input: Input,
    ids: Pool,
  ): Promise<{ req: RawRequest; referralId?: string }> {
    const referralId = referralIdOf(input.id, ids);
    const loaded =
      referralId && needsState(endpoint, input)
        ? await deciders.load(referralDecider, referralStreamName(referralId))
        : undefined;
    const state = loaded?.state.status === 'none' ? undefined : loaded?.state;
    const idSegment = referralId ?? ('raw' in input.id ? input.id.raw : '');
    const path = pathOf(endpoint, input, idSegment, childSegment(endpoint, input.child, state));
    const query = queryOf(input);
    const auth = authorization(input.token);
    const body = encodeBody(input.body);
    return {
      req: {
        method: input.method,
        path: query ? `${path}?${query}` : path,
        headers: headersOf(input, auth, loaded?.version ?? 0, body),
        body,
      },
      referralId,
    };
  }

  it.each(FUZZ_ENDPOINTS.map((e) => [e.name, e] as const))(
    '%s: no 5xx, refusals are problem+json and write nothing',
    async (_name, endpoint) => {
      const ids = await pool();
      await fc.assert(
        fc.asyncProperty(inputs(endpoint), async (input) => {
          const { req, referralId } = await resolve(endpoint, input, ids);
          const before = await store.headPosition();
          const res = await http.send(req);
          const written = await store.readAll(before, 1000);
          const where = `${req.method} ${req.path} -> ${res.status} ${res.text.slice(0, 300)}`;

          expect({ where, serverError: res.status >= 500 }).toEqual({ where, serverError: false });
          if (res.status >= 400) (endpoint.fhir ? expectOperationOutcome : expectProblem)(req, res, where);
          const streams = [...new Set(written.map((e) => e.stream))];
          if (res.status < 200 || res.status >= 300) {
            expect({ where, streams }).toEqual({ where, streams: [] });
          } else if (endpoint.fhir && endpoint.command && req.method === 'POST') {
            // A FHIR create names its referral in Location; it writes that stream only.
            const id = String(res.headers.location).split('/').pop()!;
            expect({ where, streams: streams.filter((s) => s !== referralStreamName(id)) }).toEqual({
              where,
              streams: [],
            });
          } else if (endpoint.command && req.method === 'POST') {
            const id = String(JSON.parse(res.text).id);
            expect({ where, streams: streams.filter((s) => s !== referralStreamName(id)) }).toEqual({
              where,
              streams: [],
            });
            if (referralId && endpoint.path !== '/v1/referrals') expect(id).toBe(referralId);
            const version = (await deciders.load(referralDecider, referralStreamName(id))).version;
            expect({ where, version: JSON.parse(res.text).version }).toEqual({ where, version });
          } else {
            expect({ where, streams: streams.filter((s) => !s.startsWith('access-')) }).toEqual({
              where,
              streams: [],
            });
          }
        }),
        { numRuns: RUNS_PER_ENDPOINT, seed: SEED, endOnFailure: true },
      );
      expect((await api.http().get('/health/ready')).status).toBe(200);
      await projectionsCaughtUp(api);
    },
    180_000,
  );
});

function expectOperationOutcome(req: RawRequest, res: RawResponse, where: string): void {
  expect({ where, type: res.headers['content-type'] }).toEqual({
    where,
    type: expect.stringMatching(/^application\/fhir\+json/),
  });
  if (req.method === 'HEAD') return;
  const outcome = JSON.parse(res.text) as Record<string, unknown>;
  expect({ where, outcome }).toEqual({
    where,
    outcome: {
      resourceType: 'OperationOutcome',
      issue: expect.arrayContaining([
        expect.objectContaining({ severity: expect.any(String), code: expect.any(String) }),
      ]),
    },
  });
}

function expectProblem(req: RawRequest, res: RawResponse, where: string): void {
  expect({ where, type: res.headers['content-type'] }).toEqual({
    where,
    type: expect.stringMatching(/^application\/problem\+json/),
  });
  if (req.method === 'HEAD') return;
  const problem = JSON.parse(res.text) as Record<string, unknown>;
  expect({ where, problem }).toEqual({
    where,
    problem: expect.objectContaining({
      title: expect.any(String),
      status: res.status,
      detail: expect.any(String),
      type: expect.any(String),
    }),
  });
}
