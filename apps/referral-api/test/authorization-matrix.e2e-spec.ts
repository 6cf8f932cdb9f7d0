import { randomUUID } from 'node:crypto';
import type { Role } from '@app/application';
import { Api, bearer, projectionsCaughtUp, startApi } from './support/api-harness';
import { referralBody } from './support/referral-fixtures';

const ROLES: Role[] = [
  'referrer',
  'integration',
  'link_worker',
  'service_manager',
  'commissioner',
  'auditor',
];
const SUB: Record<Role, string> = {
  referrer: 'ref-1',
  integration: 'int-1',
  link_worker: 'lw-1',
  service_manager: 'sm-1',
  commissioner: 'icb-1',
  auditor: 'aud-1',
};

type Endpoint = {
  name: string;
  method: 'get' | 'post';
  path: (id: string, handoffId: string) => string;
  body?: object;
  allowed: Role[];
};

const session = { format: 'group', setting: 'school', durationMinutes: 30, attended: true };
const ENDPOINTS: Endpoint[] = [
  {
    name: 'create referral',
    method: 'post',
    path: () => '/v1/referrals',
    body: referralBody({ id: undefined }),
    allowed: ['referrer', 'integration', 'service_manager'],
  },
  {
    name: 'read referral',
    method: 'get',
    path: (id) => `/v1/referrals/${id}`,
    allowed: ['referrer', 'link_worker', 'service_manager', 'auditor'],
  },
  {
    name: 'history',
    method: 'get',
    path: (id) => `/v1/referrals/${id}/history`,
    allowed: ['service_manager', 'auditor'],
  },
  {
    name: 'verify',
    method: 'get',
    path: (id) => `/v1/referrals/${id}/verify`,
    allowed: ['service_manager', 'auditor'],
  },
  {
    name: 'accept',
    method: 'post',
    path: (id) => `/v1/referrals/${id}/accept`,
    body: { linkWorkerId: 'lw-1' },
    allowed: ['link_worker', 'service_manager'],
  },
  {
    name: 'decline',
    method: 'post',
    path: (id) => `/v1/referrals/${id}/decline`,
    body: { reason: 'x' },
    allowed: ['link_worker', 'service_manager'],
  },
  {
    name: 'assign',
    method: 'post',
    path: (id) => `/v1/referrals/${id}/assign`,
    body: { linkWorkerId: 'lw-2' },
    allowed: ['service_manager'],
  },
  {
    name: 'consent',
    method: 'post',
    path: (id) => `/v1/referrals/${id}/consent`,
    body: { givenBy: 'parent_carer', basis: 'parental_responsibility', scopes: ['share_with_gp'] },
    allowed: ['link_worker', 'service_manager'],
  },
  {
    name: 'withdraw consent',
    method: 'post',
    path: (id) => `/v1/referrals/${id}/consent/withdraw`,
    body: { scopes: ['share_with_camhs'] },
    allowed: ['link_worker', 'service_manager'],
  },
  {
    name: 'goals',
    method: 'post',
    path: (id) => `/v1/referrals/${id}/goals`,
    body: { goals: [{ description: 'x', score: 1 }] },
    allowed: ['link_worker', 'service_manager'],
  },
  {
    name: 'goal score',
    method: 'post',
    path: (id) => `/v1/referrals/${id}/goals/${randomUUID()}/scores`,
    body: { score: 3 },
    allowed: ['link_worker', 'service_manager'],
  },
  {
    name: 'session',
    method: 'post',
    path: (id) => `/v1/referrals/${id}/sessions`,
    body: session,
    allowed: ['link_worker', 'service_manager'],
  },
  {
    name: 'outcome',
    method: 'post',
    path: (id) => `/v1/referrals/${id}/outcomes`,
    body: { measure: 'CORS', rater: 'young_person', score: 20 },
    allowed: ['link_worker', 'service_manager'],
  },
  {
    name: 'handoff',
    method: 'post',
    path: (id) => `/v1/referrals/${id}/handoffs`,
    body: { target: 'camhs', reason: 'x', urgency: 'routine' },
    allowed: ['link_worker', 'service_manager'],
  },
  {
    name: 'acknowledge handoff',
    method: 'post',
    path: (id, h) => `/v1/referrals/${id}/handoffs/${h}/acknowledge`,
    body: {},
    allowed: ['integration', 'link_worker', 'service_manager'],
  },
  {
    name: 'reject handoff',
    method: 'post',
    path: (id, h) => `/v1/referrals/${id}/handoffs/${h}/reject`,
    body: {},
    allowed: ['integration', 'link_worker', 'service_manager'],
  },
  {
    name: 'end',
    method: 'post',
    path: (id) => `/v1/referrals/${id}/end`,
    body: { reason: 'other' },
    allowed: ['link_worker', 'service_manager'],
  },
  {
    name: 'legal hold',
    method: 'post',
    path: (id) => `/v1/referrals/${id}/legal-hold`,
    body: { reason: 'Public inquiry' },
    allowed: ['service_manager'],
  },
  {
    name: 'lift legal hold',
    method: 'post',
    path: (id) => `/v1/referrals/${id}/legal-hold/lift`,
    body: { reason: 'Inquiry closed' },
    allowed: ['service_manager'],
  },
  {
    name: 'erasure',
    method: 'post',
    path: (id) => `/v1/referrals/${id}/erasure`,
    body: { reason: 'Created in error' },
    allowed: ['service_manager'],
  },
  {
    name: 'own caseload',
    method: 'get',
    path: () => '/v1/caseloads/lw-1',
    allowed: ['link_worker', 'service_manager'],
  },
  { name: 'all caseloads', method: 'get', path: () => '/v1/caseloads', allowed: ['service_manager'] },
  {
    name: 'waiting times',
    method: 'get',
    path: () => '/v1/reports/waiting-times?measure=acceptance',
    allowed: ['commissioner', 'service_manager'],
  },
  {
    name: 'outcomes',
    method: 'get',
    path: () => '/v1/reports/outcomes',
    allowed: ['commissioner', 'service_manager'],
  },
  { name: 'access log', method: 'get', path: () => '/v1/audit/access', allowed: ['auditor'] },
];

describe('Authorisation matrix: every endpoint for every role', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  /** A fresh active referral made by ref-1, accepted to lw-1, with one handoff awaiting an answer. */
  async function activeReferral(): Promise<{ id: string; handoffId: string }> {
    const body = referralBody();
    await api
      .http()
      .post('/v1/referrals')
      .set(bearer(api.token('referrer', 'ref-1')))
      .send(body)
      .expect(201);
    const lw = bearer(api.token('link_worker', 'lw-1'));
    const id = body.id as string;
    await api.http().post(`/v1/referrals/${id}/accept`).set(lw).send({ linkWorkerId: 'lw-1' }).expect(200);
    await api
      .http()
      .post(`/v1/referrals/${id}/consent`)
      .set(lw)
      .send({
        givenBy: 'parent_carer',
        basis: 'parental_responsibility',
        scopes: ['support', 'share_with_camhs'],
      })
      .expect(200);
    const handoff = await api
      .http()
      .post(`/v1/referrals/${id}/handoffs`)
      .set(lw)
      .send({ target: 'camhs', reason: 'x', urgency: 'routine' })
      .expect(202);
    return { id, handoffId: handoff.body.handoffId as string };
  }

  const cases = ENDPOINTS.flatMap((e) =>
    ROLES.map((role) => [e.name, role, e.allowed.includes(role)] as const),
  );

  it.each(cases)('%s as %s: allowed=%s', async (name, role, allowed) => {
    const endpoint = ENDPOINTS.find((e) => e.name === name)!;
    const { id, handoffId } = await activeReferral();
    const req = api
      .http()
      [endpoint.method](endpoint.path(id, handoffId))
      .set(bearer(api.token(role, SUB[role])));
    const res = endpoint.body ? await req.send(endpoint.body) : await req;
    if (allowed) expect([401, 403]).not.toContain(res.status);
    else expect(res.status).toBe(403);
    expect(res.status).toBeLessThan(500);
  });

  it('401 for every endpoint without a token', async () => {
    const { id, handoffId } = await activeReferral();
    for (const e of ENDPOINTS) {
      const res = await api
        .http()
        [e.method](e.path(id, handoffId))
        .send(e.body ?? {});
      expect({ name: e.name, status: res.status }).toEqual({ name: e.name, status: 401 });
    }
  });

  it('commissioner responses carry no personal data', async () => {
    await activeReferral();
    await projectionsCaughtUp(api);
    const icb = bearer(api.token('commissioner', 'icb-1'));
    for (const path of [
      '/v1/reports/waiting-times?measure=acceptance&groupBy=source',
      '/v1/reports/outcomes?groupBy=pcn',
      '/v1/reports/waiting-times?measure=acceptance&groupBy=month',
    ]) {
      const res = await api.http().get(path).set(icb).expect(200);
      const text = JSON.stringify(res.body);
      expect(text).not.toMatch(/Sam|Taylor|2014-03-02|9434765919|LA1 1AA|Alex/);
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
      expect(res.body.suppression).toBe('nhs-secondary-care');
    }
  });
});
