import { Api, bearer, projectionsCaughtUp, startApi } from './support/api-harness';
import { referralBody } from './support/referral-fixtures';

const day = (d: number, month = 3) =>
  `2026-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}T10:00:00Z`;
const march = (n: number) => (n <= 31 ? day(n) : n <= 61 ? day(n - 31, 4) : day(n - 61, 5));

describe('Caseloads and commissioner reports from projections', () => {
  let api: Api;
  const manager = () => bearer(api.token('service_manager', 'sm-1'));
  const commissioner = () => bearer(api.token('commissioner', 'icb-1'));
  const lw = (sub: string) => bearer(api.token('link_worker', sub));

  async function referral(opts: {
    acceptAfterDays?: number;
    decline?: boolean;
    lw?: string;
    pcn?: string;
    dob?: string;
  }): Promise<string> {
    const body = referralBody({
      receivedAt: day(2),
      pcnCode: opts.pcn ?? 'U12345',
      youngPerson: { givenName: 'Kit', familyName: 'Jones', dateOfBirth: opts.dob ?? '2012-01-15' },
    });
    const res = await api
      .http()
      .post('/v1/referrals')
      .set(bearer(api.token('referrer', 'gp-1')))
      .send(body)
      .expect(201);
    const id = res.body.id as string;
    const worker = opts.lw ?? 'lw-seed';
    if (opts.decline)
      await api
        .http()
        .post(`/v1/referrals/${id}/decline`)
        .set(manager())
        .send({ reason: 'Not suitable', at: day(3) })
        .expect(200);
    if (opts.acceptAfterDays !== undefined) {
      await api
        .http()
        .post(`/v1/referrals/${id}/accept`)
        .set(lw(worker))
        .send({ linkWorkerId: worker, at: march(2 + opts.acceptAfterDays) })
        .expect(200);
    }
    return id;
  }

  beforeAll(async () => {
    api = await startApi();
    // Received 2 March 2026. Acceptance waits (days): 1 2 3 5 8 13 21 30 35 40; one declined; nine still waiting.
    for (const d of [1, 2, 3, 5, 8, 13, 21, 30, 35, 40])
      await referral({ acceptAfterDays: d, pcn: d < 10 ? 'U12345' : 'U99999' });
    await referral({ decline: true });
    for (let i = 0; i < 9; i++) await referral({});
    await projectionsCaughtUp(api);
  });
  afterAll(() => api.close());

  const waits = (query: string, auth = manager()) =>
    api.http().get(`/v1/reports/waiting-times?${query}`).set(auth);

  it('gives a service manager unsuppressed waits with hand-computed median and p92', async () => {
    const res = await waits('measure=acceptance&from=2026-03-01&to=2026-03-31&asOf=2026-06-30').expect(200);
    expect(res.body).toMatchObject({ measure: 'acceptance', asOf: '2026-06-30', suppression: 'none' });
    expect(res.body.rows).toEqual([
      {
        group: 'all',
        referrals: 20,
        suppressed: false,
        // sorted 1 2 3 5 8 | 13 21 30 35 40: median (8+13)/2; p92 = ceil(0.92*10) = 10th value; 7 of 10 within 28 days
        completed: { count: 10, medianDays: 10.5, p92Days: 40, within28DaysPct: 70, suppressed: false },
        // nine received 2 March and not accepted by 30 June: 120 days each
        waiting: { count: 9, medianDays: 120, p92Days: 120, over28DaysCount: 9, suppressed: false },
      },
    ]);
  });

  it('gives a commissioner NHS secondary-care suppression, naming the policy', async () => {
    const res = await waits('measure=acceptance&period=2026-03', commissioner()).expect(200);
    // The fixed period March 2026, measured at its end (31 March), not at a day the caller picks.
    expect(res.body).toMatchObject({
      period: '2026-03',
      from: '2026-03-01',
      to: '2026-03-31',
      asOf: '2026-03-31',
    });
    expect(res.body.suppression).toBe('nhs-secondary-care');
    expect(res.body.rows).toEqual([
      {
        group: 'all',
        referrals: 20,
        suppressed: false,
        // by 31 March 7 were accepted (after 1 2 3 5 8 13 21 days): 1-7 is suppressed with its statistics
        completed: { count: null, medianDays: null, p92Days: null, within28DaysPct: null, suppressed: true },
        // 12 still waiting (the 30-, 35- and 40-day stops fall in April, and the nine): 12 -> 10; a median of
        // 12 values, but no p92 under 25 values (the nearest-rank p92 of 12 is the longest wait)
        waiting: { count: 10, medianDays: 29, p92Days: null, over28DaysCount: 10, suppressed: false },
      },
    ]);
    const byPcn = await waits('measure=acceptance&period=2026-03&groupBy=pcn', commissioner()).expect(200);
    const small = byPcn.body.rows.find((r: { group: string }) => r.group === 'U99999');
    // 5 completed in this PCN: count and statistics suppressed
    expect(small.completed).toEqual({
      count: null,
      medianDays: null,
      p92Days: null,
      within28DaysPct: null,
      suppressed: true,
    });
    expect(JSON.stringify(byPcn.body)).not.toMatch(/Jones|Kit|2012-01-15|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('counts a wait stopped after asOf as still waiting, measured to asOf', async () => {
    const res = await waits('measure=acceptance&from=2026-03-01&to=2026-03-31&asOf=2026-03-20').expect(200);
    // by 20 March: accepted after 1 2 3 5 8 13 days; 30 March-stops (21+) still waiting 18 days, plus the nine
    expect(res.body.rows[0].completed).toMatchObject({ count: 6, medianDays: 4, p92Days: 13 });
    expect(res.body.rows[0].waiting).toMatchObject({ count: 13, medianDays: 18, over28DaysCount: 0 });
  });

  it('returns the same rows as CSV', async () => {
    const res = await waits('measure=acceptance&from=2026-03-01&to=2026-03-31&asOf=2026-06-30')
      .set('Accept', 'text/csv')
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [header, row] = res.text.trim().split('\n');
    expect(header).toBe(
      'measure,as_of,suppression,group,referrals,completed_count,completed_median_days,completed_p92_days,completed_within_28_days_pct,waiting_count,waiting_median_days,waiting_p92_days,waiting_over_28_days_count',
    );
    expect(row).toBe('acceptance,2026-06-30,none,all,20,10,10.5,40,70,9,120,120,9');
  });

  it('refuses bad report parameters with a problem naming the field', async () => {
    expect((await waits('measure=eventually').expect(400)).body.errors[0].field).toBe('measure');
    expect((await waits('measure=acceptance&groupBy=postcode').expect(400)).body.errors[0].field).toBe(
      'groupBy',
    );
    expect((await waits('measure=acceptance&from=2026-02-30').expect(400)).body.errors[0].field).toBe('from');
    expect(
      (await waits('measure=acceptance&from=2026-05-01&to=2026-04-01').expect(400)).body.errors[0].field,
    ).toBe('from');
    await waits('measure=acceptance&suppression=none', commissioner()).expect(403);
    await waits('measure=acceptance', lw('lw-seed')).expect(403);
  });

  it('measures first contact, second contact and referral-to-help from sessions and goals', async () => {
    const id = await referral({ acceptAfterDays: 1, lw: 'lw-help' });
    const post = (path: string, body: object) =>
      api.http().post(`/v1/referrals/${id}${path}`).set(lw('lw-help')).send(body).expect(200);
    await post('/consent', {
      givenBy: 'parent_carer',
      basis: 'parental_responsibility',
      scopes: ['support'],
      at: day(4),
    });
    const session = { format: 'one_to_one', setting: 'school', durationMinutes: 40 };
    await post('/sessions', { ...session, attended: true, at: day(5) });
    await post('/goals', { goals: [{ description: 'Sleep better', score: 3 }], at: day(6) });
    await post('/sessions', { ...session, attended: false, at: day(8) });
    await post('/sessions', { ...session, attended: true, at: day(10) });
    await projectionsCaughtUp(api);
    const measure = async (m: string) =>
      (await waits(`measure=${m}&from=2026-03-01&to=2026-03-31&asOf=2026-06-30`).expect(200)).body.rows[0]
        .completed;
    expect(await measure('first_contact')).toMatchObject({ count: 1, medianDays: 3 });
    expect(await measure('second_contact')).toMatchObject({ count: 1, medianDays: 8 });
    expect(await measure('help_started')).toMatchObject({ count: 1, medianDays: 8 });

    const caseload = await api.http().get('/v1/caseloads/lw-help').set(lw('lw-help')).expect(200);
    expect(caseload.body).toMatchObject({ linkWorkerId: 'lw-help', counts: { accepted: 0, active: 1 } });
    expect(caseload.body.referrals).toEqual([
      expect.objectContaining({
        referralId: id,
        status: 'active',
        youngPerson: { givenName: 'Kit', familyName: 'Jones', ageYears: expect.any(Number) },
        receivedAt: '2026-03-02T10:00:00.000Z',
        acceptedAt: '2026-03-03T10:00:00.000Z',
        lastSessionAt: '2026-03-10T10:00:00.000Z',
        sessionsAttended: 2,
        awaitingFirstContact: false,
        daysSinceReferral: expect.any(Number),
      }),
    ]);
  });

  it('lists caseloads for managers only, and a link worker sees only their own', async () => {
    const all = await api.http().get('/v1/caseloads').set(manager()).expect(200);
    expect(all.body.linkWorkers).toEqual(
      expect.arrayContaining([{ linkWorkerId: 'lw-seed', counts: { accepted: 10, active: 0, total: 10 } }]),
    );
    await api.http().get('/v1/caseloads/lw-seed').set(lw('lw-other')).expect(403);
    await api.http().get('/v1/caseloads').set(lw('lw-seed')).expect(403);
    await api.http().get('/v1/caseloads/lw-seed').set(commissioner()).expect(403);
    const own = await api.http().get('/v1/caseloads/lw-seed').set(manager()).expect(200);
    expect(own.body.referrals).toHaveLength(10);
    expect(own.body.referrals.every((r: { awaitingFirstContact: boolean }) => r.awaitingFirstContact)).toBe(
      true,
    );
  });

  it('refuses a link worker id that is not one (too long, control characters) before anything is recorded', async () => {
    const res = await api
      .http()
      .get(`/v1/caseloads/${'a'.repeat(300)}`)
      .set(manager())
      .expect(400);
    expect(res.body.errors).toEqual([
      { field: 'linkWorkerId', message: expect.stringMatching(/1 to 100 characters/) },
    ]);
    await api.http().get('/v1/caseloads/lw%01x').set(manager()).expect(400);
    // The access log keeps up (a refused row once stopped it on PostgreSQL).
    await projectionsCaughtUp(api);
  });

  it('reports outcomes for commissioners with the policy named', async () => {
    const res = await api.http().get('/v1/reports/outcomes?period=2026-03').set(commissioner()).expect(200);
    expect(res.body).toMatchObject({
      suppression: 'nhs-secondary-care',
      measures: expect.any(Array),
      referrals: expect.any(Array),
    });
  });
});
