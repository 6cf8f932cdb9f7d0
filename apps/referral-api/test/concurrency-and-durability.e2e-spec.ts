import { Api, bearer, startApi } from './support/api-harness';
import { at, referralBody } from './support/referral-fixtures';
import { LINK_WORKER, referralAt } from './support/referral-flow';

describe('Concurrency, idempotency and durability', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const lw = () => bearer(api.token('link_worker', LINK_WORKER));
  const history = async (id: string) =>
    (
      await api
        .http()
        .get(`/v1/referrals/${id}/history`)
        .set(bearer(api.token('auditor')))
        .expect(200)
    ).body.events as { type: string }[];

  it('two simultaneous commands with the same If-Match: exactly one succeeds, the other gets 412', async () => {
    const id = await referralAt(api, 'active');
    const session = { format: 'one_to_one', setting: 'school', durationMinutes: 30, attended: true };
    const [a, b] = await Promise.all([
      api
        .http()
        .post(`/v1/referrals/${id}/sessions`)
        .set(lw())
        .set('If-Match', '"3"')
        .send({ ...session, at: at(5) }),
      api
        .http()
        .post(`/v1/referrals/${id}/end`)
        .set(lw())
        .set('If-Match', '"3"')
        .send({ reason: 'disengaged', at: at(5) }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    expect(await history(id)).toHaveLength(4);
  });

  it('commands without If-Match all apply to the latest state', async () => {
    const id = await referralAt(api, 'active');
    const session = {
      format: 'group',
      setting: 'community_venue',
      durationMinutes: 60,
      attended: true,
      at: at(6),
    };
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.http().post(`/v1/referrals/${id}/sessions`).set(lw()).send(session),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(results.map((r) => r.body.version).sort()).toEqual([4, 5, 6, 7, 8]);
  });

  it('creating again with the same id and body returns the existing referral without a new event', async () => {
    const body = referralBody();
    const referrer = bearer(api.token('referrer', 'gp-2'));
    const first = await api.http().post('/v1/referrals').set(referrer).send(body).expect(201);
    const again = await api.http().post('/v1/referrals').set(referrer).send(body).expect(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    expect(await history(body.id as string)).toHaveLength(1);
  });

  it('the same id created twice at once makes one referral', async () => {
    const body = referralBody();
    const referrer = bearer(api.token('referrer', 'gp-3'));
    const results = await Promise.all(
      [1, 2, 3].map(() => api.http().post('/v1/referrals').set(referrer).send(body)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(await history(body.id as string)).toHaveLength(1);
  });

  it('Idempotency-Key replays the first response without new events; another body with the key is 409', async () => {
    const id = await referralAt(api, 'active');
    const session = { format: 'virtual', setting: 'online', durationMinutes: 20, attended: false, at: at(7) };
    const send = (body: object) =>
      api.http().post(`/v1/referrals/${id}/sessions`).set(lw()).set('Idempotency-Key', 'sess-001').send(body);
    const first = await send(session).expect(200);
    const replay = await send(session).expect(200);
    expect(replay.body).toEqual(first.body);
    expect(first.headers.etag).toBe(`"${first.body.version}"`);
    expect(replay.headers.etag).toBe(first.headers.etag);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const other = await send({ ...session, attended: true }).expect(409);
    expect(other.body.code).toBe('HTTP.IDEMPOTENCY_KEY_REUSED');
    expect(await history(id)).toHaveLength(4);
  });

  it('a replay checks authorisation first: the same subject without the role gets 403, not the stored answer', async () => {
    const id = await referralAt(api, 'active');
    const session = { format: 'virtual', setting: 'online', durationMinutes: 20, attended: false, at: at(9) };
    const send = (token: string) =>
      api
        .http()
        .post(`/v1/referrals/${id}/sessions`)
        .set(bearer(token))
        .set('Idempotency-Key', 'sess-authz')
        .send(session);
    await send(api.token('link_worker', LINK_WORKER)).expect(200);
    const commissioner = await send(api.token('commissioner', LINK_WORKER)).expect(403);
    expect(commissioner.headers['idempotent-replayed']).toBeUndefined();
    await send(api.token('referrer', LINK_WORKER)).expect(403);
    // The link worker's own retry still replays.
    const again = await send(api.token('link_worker', LINK_WORKER)).expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    // A subject of any length fits the key's scope.
    await send(api.token('link_worker', 'x'.repeat(400))).expect(403);
  });

  it('an Idempotency-Key whose first attempt failed can be retried', async () => {
    const id = await referralAt(api, 'accepted');
    const session = { format: 'virtual', setting: 'online', durationMinutes: 20, attended: true, at: at(8) };
    const send = () =>
      api
        .http()
        .post(`/v1/referrals/${id}/sessions`)
        .set(lw())
        .set('Idempotency-Key', 'retry-1')
        .send(session);
    await send().expect(422);
    await api
      .http()
      .post(`/v1/referrals/${id}/consent`)
      .set(lw())
      .send({ givenBy: 'parent_carer', basis: 'parental_responsibility', scopes: ['support'] })
      .expect(200);
    await send().expect(200);
  });

  it('a restart of the app keeps every referral', async () => {
    const ids = await Promise.all([referralAt(api, 'received'), referralAt(api, 'active')]);
    api = await api.restart();
    const manager = bearer(api.token('service_manager'));
    const [received, active] = await Promise.all(
      ids.map((id) => api.http().get(`/v1/referrals/${id}`).set(manager).expect(200)),
    );
    expect(received!.body).toMatchObject({ status: 'received', version: 1 });
    expect(active!.body).toMatchObject({
      status: 'active',
      version: 3,
      youngPerson: { familyName: 'Taylor' },
    });
    await api
      .http()
      .post(`/v1/referrals/${ids[1]}/end`)
      .set(lw())
      .set('If-Match', '"3"')
      .send({ reason: 'goals_achieved' })
      .expect(200);
  });
});
