import { Api, bearer, projectionsCaughtUp, startApi } from './support/api-harness';
import { referralBody } from './support/referral-fixtures';

/** Issue 17, 5: the referrer takes back a referral before it is accepted. */
describe('Withdrawing a referral', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const referrer = (sub = 'ref-1') => bearer(api.token('referrer', sub));
  const manager = () => bearer(api.token('service_manager', 'sm-1'));
  async function refer(): Promise<string> {
    const body = referralBody();
    await api.http().post('/v1/referrals').set(referrer()).send(body).expect(201);
    return String(body.id);
  }
  const withdraw = (
    id: string,
    auth: Record<string, string>,
    body: object = { reason: 'referred_elsewhere' },
  ) => api.http().post(`/v1/referrals/${id}/withdraw`).set(auth).send(body);

  it('lets the referrer withdraw before acceptance, with a coded reason and a sealed note, and takes it out of the queue', async () => {
    const id = await refer();
    const res = await withdraw(id, referrer(), {
      reason: 'referred_elsewhere',
      note: 'Family chose Kooth',
    }).expect(200);
    expect(res.body).toEqual({ id, version: 2, status: 'withdrawn' });
    const view = await api.http().get(`/v1/referrals/${id}`).set(manager()).expect(200);
    expect(view.body).toMatchObject({ status: 'withdrawn' });
    await projectionsCaughtUp(api);
    const queue = await api
      .http()
      .get('/v1/referrals/queue')
      .set(bearer(api.token('link_worker', 'lw-1')))
      .expect(200);
    expect(queue.body.referrals.map((r: { id: string }) => r.id)).not.toContain(id);
    const found = await api.http().get('/v1/referrals?status=withdrawn').set(manager()).expect(200);
    expect(found.body.referrals.map((r: { id: string }) => r.id)).toContain(id);
    // No further changes: it is closed.
    const accept = await api
      .http()
      .post(`/v1/referrals/${id}/accept`)
      .set(manager())
      .send({ linkWorkerId: 'lw-1' });
    expect(accept.status).toBe(422);
    expect(accept.body.code).toBe('REFERRAL.CLOSED');
  });

  it('refuses another referrer, a withdrawal after acceptance, and an unknown reason', async () => {
    const id = await refer();
    expect((await withdraw(id, referrer('ref-2'))).status).toBe(403);
    const bad = await withdraw(id, referrer(), { reason: 'bored' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { field: 'reason', message: expect.stringMatching(/reason must be one of/) },
    ]);
    await api
      .http()
      .post(`/v1/referrals/${id}/accept`)
      .set(bearer(api.token('link_worker', 'lw-1')))
      .send({ linkWorkerId: 'lw-1' })
      .expect(200);
    const late = await withdraw(id, referrer());
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('REFERRAL.NOT_AWAITING_DECISION');
  });
});
