import { Api, bearer, projectionsCaughtUp, startApi } from './support/api-harness';
import { referralBody } from './support/referral-fixtures';

type Row = Record<string, unknown> & { group: string };

const on = (date: string, time = '10:00') => `${date}T${time}:00Z`;
const NOOR = {
  givenName: 'Noor',
  familyName: 'Example',
  // 18 on 20 September 2026, between her two sessions; no NHS number: matched by name and date of birth.
  dateOfBirth: '2008-09-20',
  gender: 'female',
  ethnicity: 'Asian or Asian British - Indian',
};
const ALI = {
  givenName: 'Ali',
  familyName: 'Khan',
  dateOfBirth: '2016-05-05',
  nhsNumber: '842 914 1456',
  gender: 'male',
  ethnicity: 'White - British',
};

/** Issue 20, item 1: referral spells, access (MHS95/MHS69 style) and equity, through the HTTP API. */
describe('Referral spells, access and equity reports', () => {
  let api: Api;
  const manager = () => bearer(api.token('service_manager', 'sm-1'));
  const lw = () => bearer(api.token('link_worker', 'lw-ada'));
  const commissioner = () => bearer(api.token('commissioner', 'icb-1'));
  const today = () => new Date().toISOString().slice(0, 10);
  const post = (id: string, path: string, body: object, auth = lw()) =>
    api.http().post(`/v1/referrals/${id}${path}`).set(auth).send(body).expect(200);

  async function refer(overrides: Record<string, unknown>): Promise<string> {
    const body = referralBody(overrides);
    await api.http().post('/v1/referrals').set(manager()).send(body).expect(201);
    return String(body.id);
  }

  /** Accepted, consented, goals set and sessions attended on the dates given; ended when asked. */
  async function supported(
    id: string,
    dates: { accepted: string; goals: string; sessions: string[]; ended?: string },
    consent: object,
  ): Promise<void> {
    await post(id, '/accept', { linkWorkerId: 'lw-ada', at: on(dates.accepted) }, manager());
    await post(id, '/consent', { ...consent, scopes: ['support'], at: on(dates.accepted, '11:00') });
    await post(id, '/goals', { goals: [{ description: 'Feel calmer', score: 3 }], at: on(dates.goals) });
    for (const at of dates.sessions)
      await post(id, '/sessions', {
        format: 'one_to_one',
        setting: 'school',
        durationMinutes: 45,
        attended: true,
        at: on(at),
      });
    if (dates.ended) await post(id, '/end', { reason: 'goals_achieved', at: on(dates.ended) });
  }

  beforeAll(async () => {
    api = await startApi();
    const parent = { givenBy: 'parent_carer', basis: 'parental_responsibility' };
    // Sam (12, NHS number, school, U12345): help 7 days after referral, ended 10 September; re-referred
    // on the 15th, exactly 5 days later: one spell of two referrals, still open; help 7 days after that.
    const s1 = await refer({ receivedAt: on('2026-09-01', '09:00') });
    await supported(
      s1,
      { accepted: '2026-09-02', goals: '2026-09-05', sessions: ['2026-09-08'], ended: '2026-09-10' },
      parent,
    );
    const s2 = await refer({ receivedAt: on('2026-09-15', '09:00'), previousReferralId: s1 });
    await supported(s2, { accepted: '2026-09-16', goals: '2026-09-20', sessions: ['2026-09-22'] }, parent);
    // Noor (17, parent or carer, U22222): help after 8 days, sessions at 17 and at 18, ended 26 September;
    // re-referred 9 days later: a second spell, started in October.
    const n1 = await refer({
      receivedAt: on('2026-09-02', '09:00'),
      source: { kind: 'parent_carer' },
      youngPerson: NOOR,
      pcnCode: 'U22222',
    });
    await supported(
      n1,
      {
        accepted: '2026-09-03',
        goals: '2026-09-09',
        sessions: ['2026-09-10', '2026-09-25'],
        ended: '2026-09-26',
      },
      { givenBy: 'young_person', basis: 'aged_16_or_over' },
    );
    await refer({
      receivedAt: on('2026-10-05', '09:00'),
      youngPerson: NOOR,
      previousReferralId: n1,
      pcnCode: 'U22222',
    });
    // Ali (10, from a GP): declined the next day.
    const a1 = await refer({
      receivedAt: on('2026-09-03', '09:00'),
      source: { kind: 'gp', organisationCode: 'A81001' },
      youngPerson: ALI,
    });
    await post(a1, '/decline', { reason: 'Outside the area', at: on('2026-09-04') }, manager());
    // Zoe (13, no NHS number): referred by herself, then by her school two days later, her name typed
    // another way (accents, apostrophes and case are not told apart): one spell of two open referrals.
    const zoe = { dateOfBirth: '2013-06-01', postcode: 'LA1 1AA' };
    await refer({
      receivedAt: on('2026-09-20', '09:00'),
      source: { kind: 'self' },
      youngPerson: { ...zoe, givenName: 'Zoë', familyName: "O'Brien" },
    });
    await refer({
      receivedAt: on('2026-09-22', '09:00'),
      youngPerson: { ...zoe, givenName: 'zoe', familyName: 'O’BRIEN' },
    });
    await projectionsCaughtUp(api);
  }, 60_000);
  afterAll(() => api.close());

  const report = async (path: string, auth = manager()) =>
    (await api.http().get(path).set(auth).expect(200)).body;
  const csvOf = async (path: string, auth = manager()) => {
    const res = await api.http().get(path).set(auth).set('Accept', 'text/csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    return res.text.trim().split('\n');
  };
  const personal =
    /Noor|Example|Sam|Taylor|Khan|Zo|Brien|2008-09-20|2014-03-02|2013-06-01|9434765919|8429141456|Indian|person-/;

  it('gives a service manager the spells started in the window and their waits, per spell and per referral', async () => {
    const body = await report('/v1/reports/spells?from=2026-09-01&to=2026-09-30');
    expect(body).toMatchObject({
      from: '2026-09-01',
      to: '2026-09-30',
      asOf: today(),
      measure: 'help_started',
    });
    // Spells: Sam (open, 2 referrals, 7 days), Noor's first (closed, 8 days), Ali (closed, declined: no
    // wait), Zoe (open, 2 referrals, waiting). Referrals received: Sam's two (7, 7), Noor's first (8), the rest none.
    const overall = {
      group: 'all',
      spells: 4,
      closed: 2,
      open: 2,
      spellReferrals: 6,
      referralsPerSpell: 1.5,
      spellWaits: 2,
      spellMedianDays: 7.5,
      spellP92Days: 8,
      referrals: 6,
      referralWaits: 3,
      referralMedianDays: 7,
      referralP92Days: 8,
      suppressed: false,
    };
    expect(body.overall).toEqual(overall);
    expect(body.byMonth).toEqual([{ ...overall, group: '2026-09' }]);
    expect(
      (body.byReferralCount as Row[]).map((r) => [r.group, r.spells, r.open, r.spellMedianDays, r.referrals]),
    ).toEqual([
      ['1', 2, 0, 8, 2],
      ['2', 2, 2, 7, 4],
      ['3+', 0, 0, null, 0],
    ]);
    const october = await report('/v1/reports/spells?from=2026-10-01&to=2026-10-31&measure=first_contact');
    expect(october).toMatchObject({
      measure: 'first_contact',
      overall: { spells: 1, open: 1, spellWaits: 0 },
    });
    expect(JSON.stringify([body, october])).not.toMatch(personal);
    expect(await csvOf('/v1/reports/spells?from=2026-09-01&to=2026-09-30')).toEqual([
      'from,to,as_of,measure,suppression,breakdown,group,spells,closed,open,spell_referrals,referrals_per_spell,spell_waits,spell_median_days,spell_p92_days,referrals,referral_waits,referral_median_days,referral_p92_days',
      `2026-09-01,2026-09-30,${today()},help_started,none,overall,all,4,2,2,6,1.5,2,7.5,8,6,3,7,8`,
      `2026-09-01,2026-09-30,${today()},help_started,none,month,2026-09,4,2,2,6,1.5,2,7.5,8,6,3,7,8`,
      `2026-09-01,2026-09-30,${today()},help_started,none,referral_count,1,2,2,0,2,1,1,8,8,2,1,8,8`,
      `2026-09-01,2026-09-30,${today()},help_started,none,referral_count,2,2,0,2,4,2,1,7,7,4,2,7,7`,
      `2026-09-01,2026-09-30,${today()},help_started,none,referral_count,3+,0,0,0,0,,0,,,0,0,,`,
    ]);
  });

  it('counts young people with one and two attended contacts in rolling 12 months, by month, PCN and age band', async () => {
    const body = await report('/v1/reports/access?from=2026-08-01&to=2026-09-30');
    const figures = (rows: Row[]) => rows.map((r) => [r.group, r.atLeastOneContact, r.atLeastTwoContacts]);
    expect(body.overall).toEqual({
      group: 'all',
      windowFrom: '2025-10-01',
      windowTo: '2026-09-30',
      atLeastOneContact: 2,
      atLeastTwoContacts: 2,
      suppressed: false,
    });
    expect(
      (body.byMonth as Row[]).map((r) => [r.group, r.windowFrom, r.windowTo, r.atLeastOneContact]),
    ).toEqual([
      ['2026-08', '2025-09-01', '2026-08-31', 0],
      ['2026-09', '2025-10-01', '2026-09-30', 2],
    ]);
    expect(figures(body.byPcn)).toEqual([
      ['U12345', 1, 1],
      ['U22222', 1, 1],
    ]);
    expect(figures(body.byAgeBand)).toEqual([
      ['5-10', 0, 0],
      ['11-15', 1, 1],
      ['16-17', 1, 1],
    ]);
    // To 24 September Noor has one contact (at 17), Sam both of his; Noor's second, at 18, comes later.
    const early = await report('/v1/reports/access?from=2026-09-01&to=2026-09-24');
    expect(figures([early.overall])).toEqual([['all', 2, 1]]);
    expect(JSON.stringify(body)).not.toMatch(personal);
    const csv = await csvOf('/v1/reports/access?from=2026-08-01&to=2026-09-30');
    expect(csv[0]).toBe(
      'from,to,suppression,breakdown,group,window_from,window_to,at_least_one_contact,at_least_two_contacts',
    );
    expect(csv).toContain('2026-08-01,2026-09-30,none,month,2026-08,2025-09-01,2026-08-31,0,0');
    expect(csv).toContain('2026-08-01,2026-09-30,none,age_band,16-17,2025-10-01,2026-09-30,1,1');
  });

  it('breaks referrals, declines and the 4-week standard down by source, age, gender and ethnicity', async () => {
    const body = await report('/v1/reports/equity?from=2026-09-01&to=2026-09-30');
    const figures = (r: Row) => [
      r.group,
      r.referrals,
      r.sharePct,
      r.declined,
      r.declinedPct,
      r.fourWeekPathways,
      r.fourWeekMet,
      r.fourWeekMetPct,
    ];
    expect(body).toMatchObject({ from: '2026-09-01', to: '2026-09-30', asOf: today(), suppression: 'none' });
    // Zoe's two referrals wait past 28 days without help: judged, not met.
    expect(figures(body.overall)).toEqual(['all', 6, 100, 1, 16.7, 5, 3, 60]);
    expect(figures(body.under16)).toEqual(['under_16', 5, 83.3, 1, 20, 4, 2, 50]);
    expect((body.bySource as Row[]).map(figures)).toEqual([
      ['gp', 1, 16.7, 1, 100, 0, 0, null],
      ['school', 3, 50, 0, 0, 3, 2, 66.7],
      ['parent_carer', 1, 16.7, 0, 0, 1, 1, 100],
      ['self', 1, 16.7, 0, 0, 1, 0, 0],
      ['camhs', 0, 0, 0, null, 0, 0, null],
      ['other', 0, 0, 0, null, 0, 0, null],
    ]);
    const counts = (rows: Row[]) => rows.map((r) => [r.group, r.referrals]);
    expect(counts(body.byAgeBand)).toEqual([
      ['5-10', 1],
      ['11-15', 4],
      ['16-19', 1],
      ['other', 0],
    ]);
    expect(counts(body.byGender)).toEqual([
      ['female', 1],
      ['male', 1],
      ['other', 0],
      ['unknown', 0],
      ['not_recorded', 4],
    ]);
    expect(counts((body.byEthnicity as Row[]).filter((r) => r.referrals !== 0))).toEqual([
      ['white', 1],
      ['asian', 1],
      ['not_recorded', 4],
    ]);
    expect(JSON.stringify(body)).not.toMatch(personal);
    const csv = await csvOf('/v1/reports/equity?from=2026-09-01&to=2026-09-30');
    expect(csv).toContain(`2026-09-01,2026-09-30,${today()},none,source,gp,1,16.7,1,100,0,0,`);
    expect(csv).toContain(`2026-09-01,2026-09-30,${today()},none,ethnicity,asian,1,16.7,0,0,1,1,100`);
  });

  it('gives commissioners the period under the disclosure policy: small counts suppressed, never zero', async () => {
    const spells = await report('/v1/reports/spells?period=2026-09', commissioner());
    expect(spells).toMatchObject({
      period: '2026-09',
      asOf: '2026-09-30',
      suppression: 'nhs-secondary-care',
    });
    expect(spells.overall).toMatchObject({
      spells: null,
      referralsPerSpell: null,
      spellMedianDays: null,
      referrals: null,
      suppressed: true,
    });
    expect(spells.byReferralCount[2]).toMatchObject({ group: '3+', spells: 0, suppressed: false });
    const access = await report('/v1/reports/access?period=2026-09', commissioner());
    expect(access.overall).toMatchObject({
      atLeastOneContact: null,
      atLeastTwoContacts: null,
      suppressed: true,
    });
    expect(access.byAgeBand[0]).toMatchObject({ group: '5-10', atLeastOneContact: 0, suppressed: false });
    const equity = await report('/v1/reports/equity?period=2026-09', commissioner());
    expect(equity.overall).toMatchObject({
      referrals: null,
      declined: null,
      declinedPct: null,
      suppressed: true,
    });
    expect((equity.bySource as Row[]).find((r) => r.group === 'camhs')).toMatchObject({
      referrals: 0,
      sharePct: null,
      suppressed: false,
    });
    for (const body of [spells, access, equity]) expect(JSON.stringify(body)).not.toMatch(personal);
    const csv = await csvOf('/v1/reports/equity?period=2026-09', commissioner());
    expect(csv).toContain('2026-09-01,2026-09-30,2026-09-30,nhs-secondary-care,overall,all,,,,,,,');
  });

  it('keeps the access figures as sessions are added, and follows a corrected date of birth', async () => {
    // Rae (13 at her first session, PCN U77777 alone): received, supported and seen in November.
    const rae = await refer({
      receivedAt: on('2026-11-02', '09:00'),
      youngPerson: { givenName: 'Rae', familyName: 'Moss', dateOfBirth: '2012-11-20' },
      pcnCode: 'U77777',
    });
    const parent = { givenBy: 'parent_carer', basis: 'parental_responsibility' };
    await supported(rae, { accepted: '2026-11-03', goals: '2026-11-05', sessions: ['2026-11-10'] }, parent);
    await projectionsCaughtUp(api);
    const path = '/v1/reports/access?from=2026-11-01&to=2026-11-30';
    const early = '/v1/reports/access?from=2026-11-01&to=2026-11-11';
    const figures = (rows: Row[]) => rows.map((r) => [r.group, r.atLeastOneContact, r.atLeastTwoContacts]);
    const before = await report(path);
    const earlyBefore = await report(early);
    expect(figures(before.byPcn)).toContainEqual(['U77777', 1, 0]);
    expect(await report(path)).toEqual(before);

    await post(rae, '/sessions', {
      format: 'one_to_one',
      setting: 'school',
      durationMinutes: 45,
      attended: true,
      at: on('2026-11-12'),
    });
    await projectionsCaughtUp(api);
    // Up to the 11th nothing changed; to the 30th she has her second contact, at the same age.
    expect(await report(early)).toEqual(earlyBefore);
    const added = await report(path);
    expect(figures(added.byPcn)).toContainEqual(['U77777', 1, 1]);
    expect(figures(added.byAgeBand)).toEqual(
      figures(before.byAgeBand).map(([g, one, two]) => [g, one, g === '11-15' ? Number(two) + 1 : two]),
    );

    // Her date of birth was mistyped: 17 at both sessions, so counted in 16-17 instead.
    await api
      .http()
      .post(`/v1/referrals/${rae}/demographics-correction`)
      .set(manager())
      .send({ youngPerson: { dateOfBirth: '2009-06-01' }, reason: 'Date of birth mistyped' })
      .expect(200);
    await projectionsCaughtUp(api);
    const corrected = await report(path);
    const moved = { '11-15': -1, '16-17': 1 } as Record<string, number>;
    expect(figures(corrected.byAgeBand)).toEqual(
      figures(added.byAgeBand).map(([g, one, two]) => [
        g,
        Number(one) + (moved[String(g)] ?? 0),
        Number(two) + (moved[String(g)] ?? 0),
      ]),
    );
    expect(corrected.overall).toEqual(added.overall);
    expect(JSON.stringify([before, added, corrected])).not.toMatch(/Rae|Moss|2012-11-20|2009-06-01/);
  });

  it('refuses bad input with a problem naming the parameter, and other roles', async () => {
    const problem = async (path: string, auth = manager()) => {
      const res = await api.http().get(path).set(auth).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      return res.body.errors[0].field as string;
    };
    expect(await problem('/v1/reports/spells?measure=eventually')).toBe('measure');
    expect(await problem('/v1/reports/access?period=soon', commissioner())).toBe('period');
    expect(await problem('/v1/reports/equity?from=2026-02-30')).toBe('from');
    expect(await problem('/v1/reports/equity?from=2026-10-01&to=2026-09-01')).toBe('from');
    expect(await problem('/v1/reports/spells?from=2026-09-01', commissioner())).toBe('from');
    expect(await problem('/v1/reports/access?suppression=some')).toBe('suppression');
    await api.http().get('/v1/reports/equity?suppression=none').set(commissioner()).expect(403);
    for (const path of ['spells', 'access', 'equity'])
      await api.http().get(`/v1/reports/${path}`).set(lw()).expect(403);
  });
});
