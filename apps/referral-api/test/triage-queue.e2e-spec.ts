import { eventually } from '@app/testing';
import { Api, bearer, projectionsCaughtUp, startApi } from './support/api-harness';
import { referralBody } from './support/referral-fixtures';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

/** Issue 17, 1: new work is visible to the team that triages it, most pressing first. */
describe('Triage queue', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi({ TEAM_BY_PCN: 'U77777=south' });
  });
  afterAll(() => api.close());

  const lw = (team?: string) =>
    bearer(api.token('link_worker', `lw-${team ?? 'default'}`, team ? { team } : {}));
  const queue = (auth: Record<string, string>, query = '') =>
    api.http().get(`/v1/referrals/queue${query}`).set(auth);
  async function refer(overrides: Record<string, unknown>): Promise<string> {
    const body = referralBody(overrides);
    await api
      .http()
      .post('/v1/referrals')
      .set(bearer(api.token('referrer', 'ref-1')))
      .send(body)
      .expect(201);
    return String(body.id);
  }

  it('shows referrals awaiting acceptance as soon as the projection applies them, urgent first then oldest first', async () => {
    const oldRoutine = await refer({ receivedAt: hoursAgo(72) });
    const newRoutine = await refer({ receivedAt: hoursAgo(1) });
    const urgent = await refer({ receivedAt: hoursAgo(2), urgency: 'urgent', reasons: ['low_mood'] });
    const accepted = await refer({ receivedAt: hoursAgo(80) });
    await api
      .http()
      .post(`/v1/referrals/${accepted}/accept`)
      .set(lw())
      .send({ linkWorkerId: 'lw-default' })
      .expect(200);
    const south = await refer({ receivedAt: hoursAgo(90), pcnCode: 'U77777' });

    const res = await eventually(
      async () => {
        const r = await queue(lw()).expect(200);
        expect(r.body.referrals.map((x: { id: string }) => x.id)).toEqual([urgent, oldRoutine, newRoutine]);
        return r;
      },
      // Within a second on an idle machine; no timed assertion here (CI shares two cores).
      10_000,
      20,
    );
    expect(res.body).toMatchObject({ teams: ['default'], total: 3, urgent: 1 });
    expect(res.body.referrals[0]).toEqual({
      id: urgent,
      receivedAt: expect.any(String),
      daysWaiting: expect.any(Number),
      urgency: 'urgent',
      reasons: ['low_mood'],
      source: { kind: 'school', organisationCode: 'A81001' },
      pcnCode: 'U12345',
      team: 'default',
      youngPerson: {
        givenName: 'Sam',
        familyName: 'Taylor',
        ageYears: expect.any(Number),
        ageBandAtReferral: '11-15',
      },
      // Every fixture shares one NHS number: the flags themselves are covered in duplicates.e2e-spec.ts.
      possibleDuplicateOf: expect.any(Array),
      dataQuality: [],
      previousEpisodes: [],
    });
    expect(res.body.referrals[1].daysWaiting).toBe(3);

    // The other team sees only its own; a service manager of both teams sees all four.
    await projectionsCaughtUp(api);
    const southQueue = await queue(lw('south')).expect(200);
    expect(southQueue.body.referrals.map((x: { id: string }) => x.id)).toEqual([south]);
    const manager = bearer(api.token('service_manager', 'sm-1', { teams: ['default', 'south'] }));
    expect((await queue(manager).expect(200)).body.total).toBe(4);
    expect((await queue(manager, '?team=south&limit=1').expect(200)).body.referrals).toHaveLength(1);
  });

  it('refuses other teams, other roles, unknown parameters and bad limits', async () => {
    expect((await queue(lw(), '?team=south')).status).toBe(403);
    expect((await queue(bearer(api.token('referrer', 'ref-1')))).status).toBe(403);
    expect((await queue(bearer(api.token('commissioner', 'icb-1')))).status).toBe(403);
    const unknown = await queue(lw(), '?status=received');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'status', message: expect.stringMatching(/not a known/) }]);
    for (const limit of ['0', '201', 'ten']) expect((await queue(lw(), `?limit=${limit}`)).status).toBe(400);
  });
});
