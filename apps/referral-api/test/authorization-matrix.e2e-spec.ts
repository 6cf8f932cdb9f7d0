import { randomUUID } from 'node:crypto';
import { ROLES } from '@app/application';
import type { Role } from '@app/application';
import { Api, bearer, projectionsCaughtUp, startApi } from './support/api-harness';
import { referralBody } from './support/referral-fixtures';
import { REFERRAL_COMMANDS } from '../src/referrals/commands/referral-commands';

const SUB: Record<Role, string> = {
  referrer: 'ref-1',
  integration: 'int-1',
  link_worker: 'lw-1',
  service_manager: 'sm-1',
  commissioner: 'icb-1',
  auditor: 'aud-1',
  directory_editor: 'ed-1',
};

/** The integration client is the CAMHS partner (the handoffs here go to CAMHS), referring for its own ODS code. */
const INTEGRATION_CLAIMS = { partner: 'camhs', org: 'A81001' };

type Endpoint = {
  name: string;
  method: 'get' | 'post';
  path: (id: string, handoffId: string) => string;
  body?: object;
  allowed: Role[];
};

/**
 * The roles each referral command must admit: the expected policy, written here independently of the
 * descriptor table the routes are generated from (a change to either shows up as a failure).
 */
const COMMAND_ROLES: Record<string, Role[]> = {
  receiveReferral: ['referrer', 'integration', 'service_manager'],
  withdrawReferral: ['referrer', 'integration', 'service_manager'],
  acceptReferral: ['link_worker', 'service_manager'],
  declineReferral: ['link_worker', 'service_manager'],
  assignLinkWorker: ['service_manager'],
  obtainConsent: ['link_worker', 'service_manager'],
  withdrawConsent: ['link_worker', 'service_manager'],
  setGoals: ['link_worker', 'service_manager'],
  recordGoalScore: ['link_worker', 'service_manager'],
  holdSession: ['link_worker', 'service_manager'],
  recordOutcome: ['link_worker', 'service_manager'],
  requestHandoff: ['link_worker', 'service_manager'],
  acknowledgeHandoff: ['integration', 'link_worker', 'service_manager'],
  rejectHandoff: ['integration', 'link_worker', 'service_manager'],
  endReferral: ['link_worker', 'service_manager'],
  bookAppointment: ['link_worker', 'service_manager'],
  rescheduleAppointment: ['link_worker', 'service_manager'],
  cancelAppointment: ['link_worker', 'service_manager'],
  recordAttendance: ['link_worker', 'service_manager'],
  resolveDuplicate: ['link_worker', 'service_manager'],
  correctDemographics: ['link_worker', 'service_manager'],
  transferReferral: ['link_worker', 'service_manager'],
  amendSession: ['link_worker', 'service_manager'],
  amendOutcome: ['link_worker', 'service_manager'],
  voidOutcome: ['link_worker', 'service_manager'],
  placeLegalHold: ['service_manager'],
  liftLegalHold: ['service_manager'],
  erasePersonalData: ['service_manager'],
};

/**
 * Commands only whoever made the referral may send: on the matrix's referral (made by ref-1) the role
 * is not enough, and another integration client is refused.
 */
const MAKER_ONLY: Record<string, Role[]> = { withdrawReferral: ['referrer', 'service_manager'] };

/** Every command of the descriptor table, with its example body (a new referral for the create). */
const COMMAND_ENDPOINTS: Endpoint[] = REFERRAL_COMMANDS.map((d) => ({
  name: d.operationId,
  method: d.method,
  path: (id, handoffId) =>
    `/${d.path
      .replace(':id', id)
      .replace(':handoffId', handoffId)
      .replace(':goalId', randomUUID())
      .replace(':appointmentId', randomUUID())
      .replace(':sessionId', randomUUID())
      .replace(':outcomeId', randomUUID())}`,
  body: d.kind === 'create' ? referralBody({ id: undefined }) : d.example,
  allowed: MAKER_ONLY[d.operationId] ?? COMMAND_ROLES[d.operationId] ?? [],
}));

const ENDPOINTS: Endpoint[] = [
  ...COMMAND_ENDPOINTS,
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
  {
    name: 'attendance',
    method: 'get',
    path: () => '/v1/reports/attendance',
    allowed: ['commissioner', 'service_manager'],
  },
  { name: 'access log', method: 'get', path: () => '/v1/audit/access', allowed: ['auditor'] },
  ...['prescriptions', 'unmet-need', 'spells', 'access', 'equity'].map((report): Endpoint => ({
    name: `${report} report`,
    method: 'get',
    path: () => `/v1/reports/${report}`,
    allowed: ['commissioner', 'service_manager'],
  })),
  {
    name: 'add directory service',
    method: 'post',
    path: () => '/v1/directory/services',
    body: { name: 'Matrix Club', status: 'active' },
    allowed: ['directory_editor'],
  },
  {
    name: 'directory reports',
    method: 'get',
    path: () => '/v1/directory/reports',
    allowed: ['directory_editor', 'service_manager'],
  },
];

describe('Authorisation matrix: every endpoint for every role', () => {
  let api: Api;
  beforeAll(async () => {
    // Each case sets up a fresh referral as the same link worker: about authorisation, not rate limits.
    api = await startApi({ RATE_LIMIT_WRITES_PER_MINUTE: '0', RATE_LIMIT_READS_PER_MINUTE: '0' });
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

  it('expects roles for every command in the descriptor table, and the table grants exactly those', () => {
    for (const d of REFERRAL_COMMANDS) {
      expect({ command: d.operationId, roles: [...d.roles].sort() }).toEqual({
        command: d.operationId,
        roles: [...(COMMAND_ROLES[d.operationId] ?? [])].sort(),
      });
    }
    expect(Object.keys(COMMAND_ROLES).sort()).toEqual(REFERRAL_COMMANDS.map((d) => d.operationId).sort());
  });

  const cases = ENDPOINTS.flatMap((e) =>
    ROLES.map((role) => [e.name, role, e.allowed.includes(role)] as const),
  );

  it.each(cases)('%s as %s: allowed=%s', async (name, role, allowed) => {
    const endpoint = ENDPOINTS.find((e) => e.name === name)!;
    const { id, handoffId } = await activeReferral();
    const req = api
      .http()
      [endpoint.method](endpoint.path(id, handoffId))
      .set(bearer(api.token(role, SUB[role], role === 'integration' ? INTEGRATION_CLAIMS : undefined)));
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
      '/v1/reports/attendance',
      '/v1/reports/spells',
      '/v1/reports/access',
      '/v1/reports/equity',
    ]) {
      const res = await api.http().get(path).set(icb).expect(200);
      const text = JSON.stringify(res.body);
      expect(text).not.toMatch(/Sam|Taylor|2014-03-02|9434765919|LA1 1AA|Alex/);
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
      expect(res.body.suppression).toBe('nhs-secondary-care');
    }
  });
});
