import { Api, bearer, projectionsCaughtUp, startApi } from './support/api-harness';
import { referralBody } from './support/referral-fixtures';

const march = (d: number) => new Date(Date.UTC(2026, 2, d, 10)).toISOString();

/**
 * Security review, finding 2: a commissioner recovered one child's exact 37-day wait by differencing
 * the 1-9 and 1-8 March windows; the nearest-rank p92 of a small group was its maximum; and a share
 * from rounded counts said 100% while 1 of 9 waited 37 days. Each reproduced here and shown to fail.
 */
describe('Disclosure control that survives differencing', () => {
  let api: Api;
  const commissioner = () => bearer(api.token('commissioner', 'icb-1'));
  const manager = () => bearer(api.token('service_manager', 'sm-1'));
  const waits = (query: string, auth = commissioner()) =>
    api.http().get(`/v1/reports/waiting-times?measure=acceptance&${query}`).set(auth);

  beforeAll(async () => {
    api = await startApi();
    // Eight received 1 March and accepted after 1 to 8 days; one received 2 March and accepted after 29.
    const received = [...Array.from({ length: 8 }, (_, i) => [1, 2 + i] as const), [2, 31] as const];
    for (const [on, acceptedOn] of received) {
      const body = referralBody({ receivedAt: march(on) });
      await api.http().post('/v1/referrals').set(manager()).send(body).expect(201);
      await api
        .http()
        .post(`/v1/referrals/${String(body.id)}/accept`)
        .set(bearer(api.token('link_worker', 'lw-1')))
        .send({ linkWorkerId: 'lw-1', at: march(acceptedOn) })
        .expect(200);
    }
    await projectionsCaughtUp(api);
  });
  afterAll(() => api.close());

  it('refuses commissioners arbitrary day windows and asOf, naming the periods they can ask for', async () => {
    for (const query of [
      'from=2026-03-01&to=2026-03-09',
      'from=2026-03-01&to=2026-03-08',
      'asOf=2026-04-15',
    ]) {
      const res = await waits(query);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.detail).toMatch(/period=YYYY-MM .*YYYY-Qn .*FYYYYY-YY/);
    }
    for (const period of ['2026-3', '2026-13', '2026-Q5', 'FY2026-28', 'March']) {
      const res = await waits(`period=${period}`);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'period', message: expect.stringMatching(/YYYY-MM/) }]);
    }
  });

  it('publishes a fixed period with no percentile that is one child’s wait, and a share from the exact counts', async () => {
    const res = await waits('period=2026-03').expect(200);
    expect(res.body).toMatchObject({
      period: '2026-03',
      from: '2026-03-01',
      to: '2026-03-31',
      asOf: '2026-03-31',
    });
    // 9 completed -> 10; 8 of the exact 9 within 28 days (rounded counts would say 10 of 10 = 100%); a
    // median of 9 values, but no nearest-rank p92 of 9 values, which would be the longest wait (29 days).
    expect(res.body.rows[0].completed).toEqual({
      count: 10,
      medianDays: 5,
      p92Days: null,
      within28DaysPct: 88.9,
      suppressed: false,
    });

    const quarter = await waits('period=2026-Q1').expect(200);
    const year = await waits('period=FY2026-27').expect(200);
    expect(quarter.body).toMatchObject({ from: '2026-01-01', to: '2026-03-31', asOf: '2026-03-31' });
    expect(year.body).toMatchObject({ from: '2026-04-01', to: '2027-03-31' });
    // The quarter measured at its end and the year (which holds none of these referrals) disclose nothing more.
    expect(quarter.body.rows).toEqual(res.body.rows);
  });

  it('keeps exact figures and any window for service managers, and shows them the commissioners’ view on request', async () => {
    const exact = await waits('from=2026-03-01&to=2026-03-09&asOf=2026-04-30', manager()).expect(200);
    expect(exact.body.rows[0].completed).toEqual({
      count: 9,
      medianDays: 5,
      p92Days: 29,
      within28DaysPct: 88.9,
      suppressed: false,
    });
    const asCommissioner = await api
      .http()
      .get('/v1/reports/waiting-times?measure=acceptance&period=2026-03&suppression=nhs-secondary-care')
      .set(manager())
      .expect(200);
    // The manager viewing the commissioners' figures: counts rounded, p92 withheld under 25 values.
    expect(asCommissioner.body.rows[0].completed).toMatchObject({ count: 10, p92Days: null });
  });
});
