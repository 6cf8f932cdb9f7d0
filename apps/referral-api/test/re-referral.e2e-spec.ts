import { Api, bearer, projectionsCaughtUp, startApi } from './support/api-harness';
import { at, referralBody } from './support/referral-fixtures';
import { LINK_WORKER, referralAt } from './support/referral-flow';

/** Issue 17, 5: a young person whose support ended is referred again, as a new episode. */
describe('Re-referral', () => {
  let api: Api;
  const referrer = () => bearer(api.token('referrer', 'school-system-1'));
  const manager = () => bearer(api.token('service_manager', 'sm-1'));
  const reRefer = (previousReferralId: string, overrides: Record<string, unknown> = {}) =>
    api
      .http()
      .post('/v1/referrals')
      .set(referrer())
      .send(referralBody({ receivedAt: at(20), previousReferralId, ...overrides }));
  const ended = async () => {
    const id = await referralAt(api, 'active');
    await api
      .http()
      .post(`/v1/referrals/${id}/end`)
      .set(bearer(api.token('link_worker', LINK_WORKER)))
      .send({ reason: 'goals_achieved', at: at(10) })
      .expect(200);
    return id;
  };

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('opens the next episode, with its own clocks, linked to the referral it follows', async () => {
    const first = await ended();
    const second = await reRefer(first).expect(201);
    const view = await api.http().get(`/v1/referrals/${second.body.id}`).set(manager()).expect(200);
    expect(view.body).toMatchObject({
      status: 'received',
      receivedAt: at(20).replace('Z', '.000Z'),
      episode: { number: 2, previousReferralId: first },
    });
    // The new referral shows the young person's earlier episode (from the identity index).
    await projectionsCaughtUp(api);
    const again = await api.http().get(`/v1/referrals/${second.body.id}`).set(manager()).expect(200);
    expect(again.body.possibleDuplicateOf).toEqual([]);
    expect(again.body.previousEpisodes).toEqual(
      expect.arrayContaining([{ referralId: first, status: 'ended', receivedAt: expect.any(String) }]),
    );
    const before = await api.http().get(`/v1/referrals/${first}`).set(manager()).expect(200);
    expect(before.body).toMatchObject({ status: 'ended', episode: { number: 1, previousReferralId: null } });
    // The next one counts on.
    await api
      .http()
      .post(`/v1/referrals/${second.body.id}/decline`)
      .set(manager())
      .send({ reason: 'Needs CAMHS', at: at(21) })
      .expect(200);
    const third = await reRefer(second.body.id, { receivedAt: at(22) }).expect(201);
    const view3 = await api.http().get(`/v1/referrals/${third.body.id}`).set(manager()).expect(200);
    expect(view3.body.episode).toEqual({ number: 3, previousReferralId: second.body.id });
  });

  it('refuses to follow an open, unknown or merged referral, or another young person, with a code', async () => {
    const open = await referralAt(api, 'accepted');
    expect((await reRefer(open).expect(422)).body.code).toBe('REFERRAL.PREVIOUS_STILL_OPEN');
    const unknown = await reRefer('7d2c5f0e-8b1a-4c3d-9e6f-a1b2c3d4e5f6').expect(422);
    expect(unknown.body.code).toBe('REFERRAL.PREVIOUS_NOT_FOUND');
    const first = await ended();
    const other = await reRefer(first, {
      youngPerson: {
        givenName: 'Ola',
        familyName: 'Nwosu',
        dateOfBirth: '2013-06-06',
        nhsNumber: '401 023 2137',
      },
    }).expect(422);
    expect(other.body.code).toBe('REFERRAL.PREVIOUS_OTHER_PERSON');
    const bad = await reRefer('not-a-uuid').expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/previousReferralId/);
  });
});
