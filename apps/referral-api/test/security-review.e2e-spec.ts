import { randomUUID } from 'node:crypto';
import { inboundReferralId } from '@app/contracts';
import { Api, bearer, projectionsCaughtUp, startApi } from './support/api-harness';
import { referralBody } from './support/referral-fixtures';

/** Days before now, as an ISO instant. */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** A referral received now (no receivedAt), created by a referrer; its fields overridable. */
const freshReferral = (overrides: Record<string, unknown> = {}) => {
  const body = referralBody(overrides);
  delete body.receivedAt;
  return body as Record<string, unknown> & { id: string };
};

const PARTNERS = JSON.stringify([
  { id: 'camhs-north', handoffTargets: ['camhs'], organisationCodes: ['RGD'] },
  { id: 'school-mis', handoffTargets: ['school'], organisationCodes: ['A81001'] },
  { id: 'gp-lancaster', handoffTargets: [], organisationCodes: ['A81002'] },
]);

/**
 * The security review's findings 1 (over HTTP), 3, 4 and 7, each reproduced as the review did it and
 * shown to fail now. The back-dating window is the default (7 days), with times relative to today.
 */
describe('Security review: partners, back-dating, id squatting, teams', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi({
      BACKDATE_WINDOW_DAYS: '7',
      INTEGRATION_PARTNERS: PARTNERS,
      TEAM_BY_PCN: 'U11111=north,U22222=south',
    });
  });
  afterAll(() => api.close());

  const as = (role: Parameters<Api['token']>[0], sub?: string, claims?: Parameters<Api['token']>[2]) =>
    bearer(api.token(role, sub, claims));
  const manager = () => as('service_manager', 'sm-1');
  const post = (path: string, body: object, auth: Record<string, string>) =>
    api.http().post(path).set(auth).send(body);

  /** An active referral with a CAMHS handoff awaiting an answer. */
  async function camhsHandoff(): Promise<{ id: string; handoffId: string }> {
    const body = freshReferral();
    await post('/v1/referrals', body, as('referrer', 'ref-1')).expect(201);
    const id = body.id;
    const lw = as('link_worker', 'lw-1');
    await post(`/v1/referrals/${id}/accept`, { linkWorkerId: 'lw-1' }, lw).expect(200);
    await post(
      `/v1/referrals/${id}/consent`,
      { givenBy: 'parent_carer', basis: 'parental_responsibility', scopes: ['support', 'share_with_camhs'] },
      lw,
    ).expect(200);
    const handoff = await post(
      `/v1/referrals/${id}/handoffs`,
      { target: 'camhs', reason: 'x', urgency: 'urgent' },
      lw,
    );
    expect(handoff.status).toBe(202);
    return { id, handoffId: handoff.body.handoffId as string };
  }

  describe('1. handoff answers and referral sources are bound to the partner', () => {
    it('lets only the partner a handoff was sent to answer it', async () => {
      const { id, handoffId } = await camhsHandoff();
      const reject = (auth: Record<string, string>) =>
        post(`/v1/referrals/${id}/handoffs/${handoffId}/reject`, { reason: 'Not ours' }, auth);
      const gp = await reject(as('integration', 'gp-system', { partner: 'gp-lancaster' }));
      expect(gp.status).toBe(403);
      expect(gp.body).toMatchObject({
        code: 'HANDOFF.WRONG_PARTNER',
        detail: expect.stringMatching(/sent to camhs/),
      });
      expect((await reject(as('integration', 'school', { partner: 'school-mis' }))).status).toBe(403);
      expect((await reject(as('integration', 'anyone'))).status).toBe(403);
      await post(
        `/v1/referrals/${id}/handoffs/${handoffId}/acknowledge`,
        { reference: 'CAMHS-1' },
        as('integration', 'camhs-system', { partner: 'camhs-north' }),
      ).expect(200);
    });

    it('refuses a token naming a partner the service does not know', async () => {
      const res = await api
        .http()
        .get('/v1/referrals/00000000-0000-4000-8000-000000000001')
        .set(as('integration', 'x', { partner: 'camhs-impostor' }));
      expect(res.status).toBe(401);
    });

    it("fills in and enforces the integration client's own organisation code", async () => {
      const gp = as('integration', 'gp-system', { partner: 'gp-lancaster' });
      const other = await post(
        '/v1/referrals',
        freshReferral({ source: { kind: 'gp', organisationCode: 'A81001' } }),
        gp,
      );
      expect(other.status).toBe(403);
      expect(other.body.code).toBe('REFERRAL.ORGANISATION_MISMATCH');
      const body = freshReferral({ source: { kind: 'gp' } });
      await post('/v1/referrals', body, gp).expect(201);
      const stored = await api
        .http()
        .get(`/v1/referrals/${String(body.id)}`)
        .set(manager())
        .expect(200);
      expect(stored.body.source).toMatchObject({ kind: 'gp', organisationCode: 'A81002' });
      // An integration token bound to no organisation (no partner, no org claim) cannot refer at all.
      const unbound = await post('/v1/referrals', freshReferral(), as('integration', 'loose'));
      expect(unbound.body.code).toBe('REFERRAL.ORGANISATION_UNBOUND');
    });
  });

  describe('3. bounded back-dating', () => {
    it('refuses a link worker recording first contact months back, even just after a paper referral was received', async () => {
      const receivedAt = daysAgo(330);
      const paper = referralBody({ receivedAt, correction: { reason: 'paper_referral' } });
      await post('/v1/referrals', paper, manager()).expect(201);
      const id = paper.id as string;
      const lw = as('link_worker', 'lw-1');
      const soon = new Date(Date.parse(receivedAt) + 3_000).toISOString();
      const accept = await post(`/v1/referrals/${id}/accept`, { linkWorkerId: 'lw-1', at: soon }, lw);
      expect(accept.status).toBe(422);
      expect(accept.body).toMatchObject({
        code: 'REFERRAL.BACKDATED_BEYOND_WINDOW',
        detail: expect.stringMatching(/at is 329 days before now; .*at most 7 days/),
      });
      // A link worker's correction is not enough: only a service manager may record it.
      const corrected = { linkWorkerId: 'lw-1', at: soon, correction: { reason: 'late_entry' } };
      expect((await post(`/v1/referrals/${id}/accept`, corrected, lw)).status).toBe(422);
      // A service manager may record it as a correction; the report then says so.
      const report = () =>
        api
          .http()
          .get(
            `/v1/reports/waiting-times?measure=acceptance&from=${receivedAt.slice(0, 10)}&to=${receivedAt.slice(0, 10)}`,
          )
          .set(manager());
      expect((await report().expect(200)).body.backdatedClockStops).toBe(0);
      await post(
        `/v1/referrals/${id}/accept`,
        { ...corrected, correction: { reason: 'data_correction' } },
        manager(),
      ).expect(200);
      await projectionsCaughtUp(api);
      const after = (await report().expect(200)).body;
      expect(after.backdatedClockStops).toBe(1);
      expect(after.rows[0].completed).toMatchObject({ count: 1, medianDays: 0 });
    });

    it('lets a referrer give no past receivedAt, an integration client one within the window, and a manager an older one only as a correction', async () => {
      const referrer = await post(
        '/v1/referrals',
        referralBody({ receivedAt: daysAgo(2) }),
        as('referrer', 'ref-1'),
      );
      expect(referrer.status).toBe(403);
      expect(referrer.body).toMatchObject({
        code: 'REFERRAL.BACKDATING_NOT_ALLOWED',
        detail: expect.stringMatching(/receivedAt/),
      });
      const school = as('integration', 'school', { partner: 'school-mis' });
      await post('/v1/referrals', referralBody({ receivedAt: daysAgo(3) }), school).expect(201);
      const late = await post('/v1/referrals', referralBody({ receivedAt: daysAgo(330) }), school);
      expect(late.status).toBe(422);
      expect(late.body).toMatchObject({
        code: 'REFERRAL.BACKDATED_BEYOND_WINDOW',
        detail: expect.stringMatching(/at most 7 days/),
      });
      const plain = await post('/v1/referrals', referralBody({ receivedAt: daysAgo(40) }), manager());
      expect(plain.status).toBe(422);
      const paper = referralBody({ receivedAt: daysAgo(40), correction: { reason: 'paper_referral' } });
      await post('/v1/referrals', paper, manager()).expect(201);
      const history = await api
        .http()
        .get(`/v1/referrals/${String(paper.id)}/history`)
        .set(manager())
        .expect(200);
      expect(history.body.events[0].metadata.correction).toEqual({
        reason: 'paper_referral',
        backdatedDays: 40,
      });
      const bad = await post('/v1/referrals', referralBody({ correction: { reason: 'because' } }), manager());
      expect(bad.status).toBe(400);
    });
  });

  describe('4. no id squatting', () => {
    it('takes only random (v4) ids from HTTP callers, so an id derived for a partner message is never taken first', async () => {
      const derived = inboundReferralId('gp-lancaster', 'msg-0001');
      const res = await post('/v1/referrals', freshReferral({ id: derived }), as('referrer', 'ref-1'));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'id', message: expect.stringMatching(/version 4/) }]);
      await post('/v1/referrals', freshReferral({ id: randomUUID() }), as('referrer', 'ref-1')).expect(201);
    });
  });

  describe('7. team scoping', () => {
    it('shows a referral awaiting triage only to the receiving team, and to its managers', async () => {
      const body = freshReferral({ pcnCode: 'U11111' });
      await post('/v1/referrals', body, as('referrer', 'ref-1')).expect(201);
      const read = (auth: Record<string, string>) =>
        api
          .http()
          .get(`/v1/referrals/${String(body.id)}`)
          .set(auth);
      expect((await read(as('link_worker', 'lw-n', { team: 'north' }))).status).toBe(200);
      expect((await read(as('link_worker', 'lw-s', { team: 'south' }))).status).toBe(403);
      expect((await read(as('link_worker', 'lw-d'))).status).toBe(403);
      expect((await read(as('service_manager', 'sm-n', { teams: ['north', 'south'] }))).status).toBe(200);
      expect((await read(as('service_manager', 'sm-s', { team: 'south' }))).status).toBe(403);
      const decline = await post(
        `/v1/referrals/${String(body.id)}/decline`,
        { reason: 'x' },
        as('link_worker', 'lw-s', { team: 'south' }),
      );
      expect(decline.status).toBe(403);
      // A referral from an unrouted PCN goes to the default team, as does a token without a team claim.
      const other = freshReferral({ pcnCode: 'U99999' });
      await post('/v1/referrals', other, as('referrer', 'ref-1')).expect(201);
      await api
        .http()
        .get(`/v1/referrals/${String(other.id)}`)
        .set(as('link_worker', 'lw-d'))
        .expect(200);
    });
  });
});
