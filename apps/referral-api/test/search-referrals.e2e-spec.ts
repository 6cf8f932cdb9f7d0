import { projectionsCaughtUp, Api, bearer, startApi } from './support/api-harness';
import { referralBody } from './support/referral-fixtures';

const on = (day: number) => `2026-10-${String(day).padStart(2, '0')}T09:00:00.000Z`;

/** Issue 17, 2: finding referrals by their codes, within what the caller may see, a page at a time. */
describe('Referral search', () => {
  let api: Api;
  const ids: Record<string, string> = {};
  const manager = () => bearer(api.token('service_manager', 'sm-1', { teams: ['default', 'south'] }));
  const search = (query: string, auth = manager()) => api.http().get(`/v1/referrals?${query}`).set(auth);
  const idsOf = (res: { body: { referrals: { id: string }[] } }) => res.body.referrals.map((r) => r.id);

  beforeAll(async () => {
    api = await startApi({ TEAM_BY_PCN: 'U77777=south' });
    const refer = async (name: string, overrides: Record<string, unknown>) => {
      const body = referralBody(overrides);
      await api
        .http()
        .post('/v1/referrals')
        .set(bearer(api.token('referrer', 'ref-1')))
        .send(body)
        .expect(201);
      ids[name] = String(body.id);
    };
    await refer('a', { receivedAt: on(1), reasons: ['anxiety'], urgency: 'urgent' });
    await refer('b', {
      receivedAt: on(2),
      reasons: ['low_mood', 'bullying'],
      source: { kind: 'gp', organisationCode: 'A81002' },
    });
    await refer('c', { receivedAt: on(3), pcnCode: 'U77777' });
    await refer('d', { receivedAt: on(4), reasons: ['bullying'] });
    await refer('e', {
      receivedAt: on(6),
      youngPerson: { givenName: 'Al', familyName: 'Ng', dateOfBirth: '2018-01-01' },
    });
    await api
      .http()
      .post(`/v1/referrals/${ids.d}/accept`)
      .set(bearer(api.token('link_worker', 'lw-1')))
      .send({ linkWorkerId: 'lw-1', at: on(5) })
      .expect(200);
    await projectionsCaughtUp(api);
  });
  afterAll(() => api.close());

  it('filters by status, reason, urgency, source, PCN, dates, link worker and age band', async () => {
    expect(idsOf(await search('sort=receivedAt').expect(200))).toEqual(
      ['a', 'b', 'c', 'd', 'e'].map((k) => ids[k]),
    );
    expect(idsOf(await search('status=accepted').expect(200))).toEqual([ids.d]);
    expect(
      idsOf(await search('status=received,accepted&reason=bullying&sort=receivedAt').expect(200)),
    ).toEqual([ids.b, ids.d]);
    expect(idsOf(await search('urgency=urgent').expect(200))).toEqual([ids.a]);
    expect(idsOf(await search('sourceKind=gp&organisationCode=A81002').expect(200))).toEqual([ids.b]);
    expect(idsOf(await search('pcnCode=U77777').expect(200))).toEqual([ids.c]);
    expect(
      idsOf(await search('receivedFrom=2026-10-02&receivedTo=2026-10-03&sort=receivedAt').expect(200)),
    ).toEqual([ids.b, ids.c]);
    expect(idsOf(await search('linkWorkerId=lw-1').expect(200))).toEqual([ids.d]);
    expect(idsOf(await search('ageBand=5-10').expect(200))).toEqual([ids.e]);
    const one = (await search('urgency=urgent').expect(200)).body.referrals[0];
    expect(one).toEqual({
      id: ids.a,
      status: 'received',
      receivedAt: on(1),
      daysSinceReferral: expect.any(Number),
      urgency: 'urgent',
      reasons: ['anxiety'],
      source: { kind: 'school', organisationCode: 'A81001' },
      pcnCode: 'U12345',
      linkWorkerId: null,
      ageBand: '11-15',
      youngPerson: { givenName: 'Sam', familyName: 'Taylor', ageYears: expect.any(Number) },
      possibleDuplicateOf: [],
      dataQuality: [],
      previousEpisodes: [],
    });
  });

  it('shows each caller only what the referral record would: their team awaiting triage, their own caseload', async () => {
    const lwDefault = bearer(api.token('link_worker', 'lw-1'));
    expect(idsOf(await search('sort=receivedAt', lwDefault).expect(200))).toEqual([
      ids.a,
      ids.b,
      ids.d,
      ids.e,
    ]);
    const lwSouth = bearer(api.token('link_worker', 'lw-9', { team: 'south' }));
    expect(idsOf(await search('', lwSouth).expect(200))).toEqual([ids.c]);
    expect((await search('', bearer(api.token('referrer', 'ref-1')))).status).toBe(403);
    expect((await search('', bearer(api.token('commissioner', 'icb-1')))).status).toBe(403);
  });

  it('pages with an opaque cursor that is stable while referrals arrive, and refuses altered, foreign or unknown input', async () => {
    const first = await search('sort=receivedAt&limit=2').expect(200);
    expect(idsOf(first)).toEqual([ids.a, ids.b]);
    // A referral arriving between pages (received earlier than the cursor) neither shifts nor repeats rows.
    const late = referralBody({ receivedAt: '2026-09-30T09:00:00.000Z' });
    await api
      .http()
      .post('/v1/referrals')
      .set(bearer(api.token('referrer', 'ref-1')))
      .send(late)
      .expect(201);
    await projectionsCaughtUp(api);
    const second = await search(`sort=receivedAt&limit=2&cursor=${first.body.next}`).expect(200);
    expect(idsOf(second)).toEqual([ids.c, ids.d]);
    const third = await search(`sort=receivedAt&limit=2&cursor=${second.body.next}`).expect(200);
    expect(idsOf(third)).toEqual([ids.e]);
    expect(third.body.next).toBeNull();

    const cursor = String(first.body.next);
    const altered = `${cursor.slice(0, 5)}${cursor[5] === 'A' ? 'B' : 'A'}${cursor.slice(6)}`;
    for (const [query, message] of [
      [`sort=receivedAt&limit=2&cursor=${altered}`, /not one this service issued/],
      [`sort=-receivedAt&limit=2&cursor=${cursor}`, /another search|other filters/],
      ['cursor=garbage', /not one this service issued/],
      ['postcode=LA1&surname=Sam', /not a known field/],
      ['status=lost', /status must be/],
      ['limit=500', /limit/],
    ] as const) {
      const res = await search(query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(JSON.stringify(res.body.errors)).toMatch(message);
    }
  });
});
