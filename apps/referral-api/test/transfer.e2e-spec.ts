import { projectionsCaughtUp, Api, bearer, startApi } from './support/api-harness';
import { at, referralBody } from './support/referral-fixtures';
import { LINK_WORKER, referralAt } from './support/referral-flow';

/** Issue 17, 5: a referral moves to another link worker or team, with a reason. */
describe('Transfer', () => {
  let api: Api;
  const manager = () => bearer(api.token('service_manager', 'sm-1', { teams: ['default', 'south'] }));
  const lw = (sub: string, team = 'default') => bearer(api.token('link_worker', sub, { teams: [team] }));
  const transfer = (id: string, body: Record<string, unknown>, auth = manager()) =>
    api.http().post(`/v1/referrals/${id}/transfer`).set(auth).send(body);
  const queueIds = async (auth: { Authorization: string }) =>
    (
      (await api.http().get('/v1/referrals/queue').set(auth).expect(200)).body.referrals as { id: string }[]
    ).map((r) => r.id);

  beforeAll(async () => {
    api = await startApi({ TEAM_BY_PCN: 'U77777=south' });
  });
  afterAll(() => api.close());

  it("moves a referral awaiting triage to another team's queue", async () => {
    const id = await referralAt(api, 'received', referralBody({ receivedAt: at(1) }));
    await projectionsCaughtUp(api);
    expect(await queueIds(lw('lw-1'))).toContain(id);
    const res = await transfer(id, {
      toTeam: 'south',
      reason: 'location',
      note: 'Family moved to Morecambe',
    });
    expect(res.status).toBe(200);
    await projectionsCaughtUp(api);
    expect(await queueIds(lw('lw-1'))).not.toContain(id);
    const south = await api.http().get('/v1/referrals/queue').set(lw('lw-s', 'south')).expect(200);
    expect(south.body.referrals).toEqual(
      expect.arrayContaining([expect.objectContaining({ id, team: 'south' })]),
    );
    // Now the south team's: a default-team link worker no longer sees it, a south one does.
    await api.http().get(`/v1/referrals/${id}`).set(lw('lw-1')).expect(403);
    await api.http().get(`/v1/referrals/${id}`).set(lw('lw-s', 'south')).expect(200);
    const found = await api.http().get(`/v1/referrals?status=received`).set(lw('lw-s', 'south')).expect(200);
    expect(found.body.referrals.map((r: { id: string }) => r.id)).toContain(id);
  });

  it('hands an open case to another link worker, recorded with who it came from and why', async () => {
    const id = await referralAt(api, 'active');
    const res = await transfer(id, { toLinkWorkerId: 'lw-bo', reason: 'capacity' }, lw(LINK_WORKER)).expect(
      200,
    );
    expect(res.body).toMatchObject({ id, status: 'active' });
    const view = await api.http().get(`/v1/referrals/${id}`).set(manager()).expect(200);
    expect(view.body.linkWorkerId).toBe('lw-bo');
    const history = await api
      .http()
      .get(`/v1/referrals/${id}/history`)
      .set(bearer(api.token('auditor', 'aud-1')))
      .expect(200);
    const moved = (history.body.events as { type: string; data: unknown }[]).find(
      (e) => e.type === 'ReferralTransferred',
    );
    expect(moved?.data).toMatchObject({
      reason: 'capacity',
      fromLinkWorkerId: LINK_WORKER,
      toLinkWorkerId: 'lw-bo',
    });
    // The case has left the first link worker: they can no longer act on it, the new one can.
    const session = { format: 'one_to_one', setting: 'school', durationMinutes: 30, attended: true };
    await api.http().post(`/v1/referrals/${id}/sessions`).set(lw(LINK_WORKER)).send(session).expect(403);
    await api.http().post(`/v1/referrals/${id}/sessions`).set(lw('lw-bo')).send(session).expect(200);
    await projectionsCaughtUp(api);
    const caseload = await api.http().get('/v1/caseloads/lw-bo').set(lw('lw-bo')).expect(200);
    expect(JSON.stringify(caseload.body)).toContain(id);
  });

  it('refuses a transfer nobody could carry out, with a code, and one the caller may not make', async () => {
    const id = await referralAt(api, 'accepted');
    const codeOf = async (body: Record<string, unknown>) => (await transfer(id, body).expect(422)).body.code;
    expect(await codeOf({ toTeam: 'north', reason: 'location' })).toBe('REFERRAL.UNKNOWN_TEAM');
    expect(await codeOf({ reason: 'location' })).toBe('REFERRAL.TRANSFER_TARGET_REQUIRED');
    expect(await codeOf({ toLinkWorkerId: LINK_WORKER, toTeam: 'default', reason: 'other' })).toBe(
      'REFERRAL.TRANSFER_TO_SAME',
    );
    const bad = await transfer(id, { toTeam: 'south', reason: 'bored' }).expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/reason/);
    await transfer(id, { toLinkWorkerId: 'lw-cy', reason: 'capacity' }, lw('lw-cy')).expect(403);
    const received = await referralAt(api, 'received');
    expect(
      (await transfer(received, { toLinkWorkerId: 'lw-bo', reason: 'capacity' }).expect(422)).body.code,
    ).toBe('REFERRAL.NOT_OPEN');
  });
});
