import { Api, bearer, projectionsCaughtUp, startApi } from './support/api-harness';
import { referralBody } from './support/referral-fixtures';

type Row = Record<string, unknown> & { group: string };

/** A date of birth that makes the young person `age` today (a month past their birthday). */
const bornAged = (age: number) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - age);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 10);
};

/** Issue 19, item 6: which community services young people are sent to and take up, and where provision is missing. */
describe('Social prescribing reports', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi({ DIRECTORY_SEED: 'true' });
  }, 60_000);
  afterAll(() => api.close());

  const manager = () => bearer(api.token('service_manager', 'sm-1'));
  const lw = () => bearer(api.token('link_worker', 'lw-ada'));
  const commissioner = () => bearer(api.token('commissioner', 'icb-1'));
  const today = () => new Date().toISOString().slice(0, 10);

  async function referral(overrides: Record<string, unknown>, active: boolean): Promise<string> {
    const body = referralBody(overrides);
    await api.http().post('/v1/referrals').set(manager()).send(body).expect(201);
    const id = String(body.id);
    if (!active) return id;
    await api
      .http()
      .post(`/v1/referrals/${id}/accept`)
      .set(manager())
      .send({ linkWorkerId: 'lw-ada' })
      .expect(200);
    await api
      .http()
      .post(`/v1/referrals/${id}/consent`)
      .set(lw())
      .send({ givenBy: 'parent_carer', basis: 'parental_responsibility', scopes: ['support'] })
      .expect(200);
    return id;
  }

  async function prescribe(id: string, serviceId: string, uptake?: string): Promise<void> {
    const res = await api
      .http()
      .post(`/v1/referrals/${id}/prescriptions`)
      .set(lw())
      .send({ serviceId })
      .expect(200);
    if (uptake)
      await api
        .http()
        .post(`/v1/referrals/${id}/prescriptions/${String(res.body.prescriptionId)}/uptake`)
        .set(lw())
        .send({ status: uptake, startedOn: today() })
        .expect(200);
  }

  it('counts prescriptions and uptake by service, taxonomy term and age band: exact for managers, suppressed for commissioners, as CSV too', async () => {
    const [a, b] = (await api.http().get('/directory/services?age=12&per_page=2').expect(200)).body.contents;
    const [r1, r2, r3] = [await referral({}, true), await referral({}, true), await referral({}, true)];
    await prescribe(r1, a.id, 'attended');
    await prescribe(r2, a.id, 'declined');
    await prescribe(r3, a.id);
    await prescribe(r1, b.id, 'still_attending');
    await projectionsCaughtUp(api);

    const report = (await api.http().get('/v1/reports/prescriptions').set(manager()).expect(200)).body;
    expect(report).toMatchObject({ suppression: 'none', to: today() });
    const byService = new Map((report.byService as Row[]).map((r) => [r.group, r]));
    expect(byService.get(a.id)).toMatchObject({
      name: a.name,
      prescriptions: 3,
      attended: 1,
      declined: 1,
      awaitingUptake: 1,
      uptakePct: 50,
      suppressed: false,
    });
    expect(byService.get(b.id)).toMatchObject({ prescriptions: 1, stillAttending: 1, uptakePct: 100 });
    expect(report.overall).toMatchObject({ prescriptions: 4, attended: 1, stillAttending: 1, declined: 1 });
    expect(report.byAgeBand).toEqual([expect.objectContaining({ group: '11-15', prescriptions: 4 })]);
    const termsOfA = (a.attributes as { taxonomy_term?: { id: string; name: string } }[]).flatMap((x) =>
      x.taxonomy_term ? [x.taxonomy_term] : [],
    );
    expect(termsOfA.length).toBeGreaterThan(0);
    const byTerm = new Map((report.byTaxonomyTerm as Row[]).map((r) => [r.group, r]));
    for (const term of termsOfA) {
      expect(byTerm.get(term.id)).toMatchObject({ name: term.name });
      expect(byTerm.get(term.id)!.prescriptions).toBeGreaterThanOrEqual(3);
    }

    // Commissioners: the configured disclosure policy, periods only; small counts suppressed, never zero.
    const period = today().slice(0, 7);
    const published = (
      await api.http().get(`/v1/reports/prescriptions?period=${period}`).set(commissioner()).expect(200)
    ).body;
    expect(published).toMatchObject({ period, suppression: 'nhs-secondary-care' });
    expect(published.overall).toMatchObject({ prescriptions: null, uptakePct: null, suppressed: true });
    expect((published.byService as Row[]).find((r) => r.group === a.id)).toMatchObject({
      prescriptions: null,
      suppressed: true,
    });
    const window = await api.http().get(`/v1/reports/prescriptions?from=${today()}`).set(commissioner());
    expect([window.status, window.body.errors?.[0]?.field]).toEqual([400, 'from']);
    expect((await api.http().get('/v1/reports/prescriptions').set(lw())).status).toBe(403);

    const csv = await api
      .http()
      .get('/v1/reports/prescriptions')
      .set(manager())
      .set('Accept', 'text/csv')
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe(
      'from,to,suppression,breakdown,group,name,taxonomy,prescriptions,attended,still_attending,did_not_attend,declined,awaiting_uptake,uptake_pct',
    );
    expect(lines.find((l) => l.includes(`,service,${String(a.id)},`))).toMatch(/,3,1,0,0,1,1,50$/);
  });

  it('finds unmet need: referral reasons and age bands with no open service within reach of the postcode', async () => {
    const received = { receivedAt: undefined };
    const youngPerson = (age: number, postcode?: string) => ({
      givenName: 'Noor',
      familyName: 'Example',
      dateOfBirth: bornAged(age),
      ...(postcode ? { postcode } : {}),
    });
    await referral({ ...received, reasons: ['bereavement'], youngPerson: youngPerson(6, 'LA1 1AA') }, false);
    await referral({ ...received, reasons: ['anxiety'], youngPerson: youngPerson(12, 'LA1 1AA') }, false);
    await referral({ ...received, reasons: ['anxiety', 'other'], youngPerson: youngPerson(13) }, false);
    await projectionsCaughtUp(api);

    const res = await api.http().get(`/v1/reports/unmet-need?from=${today()}`).set(manager()).expect(200);
    const report = res.body;
    expect(report).toMatchObject({ from: today(), distanceMetres: 8000, suppression: 'none' });
    const rows = new Map(
      (report.rows as (Row & { reason: string; ageBand: string })[]).map((r) => [
        `${r.reason} ${r.ageBand}`,
        r,
      ]),
    );
    expect(rows.get('bereavement 5-10')).toMatchObject({
      referrals: 1,
      withoutService: 1,
      withoutServicePct: 100,
    });
    expect(rows.get('anxiety 11-15')).toMatchObject({ referrals: 2, withoutService: 0, notLocated: 1 });
    expect([...rows.keys()].some((k) => k.startsWith('other'))).toBe(false);
    expect(report.directoryGaps).toContainEqual({ reason: 'bereavement', agesWithoutService: [5, 6, 7] });
    // Postcodes are used for matching only: never in the report.
    expect(JSON.stringify(report)).not.toContain('LA1');

    const published = (
      await api
        .http()
        .get(`/v1/reports/unmet-need?period=${today().slice(0, 7)}`)
        .set(commissioner())
        .expect(200)
    ).body;
    const rowsPublished = published.rows as Row[];
    expect(rowsPublished.find((r) => r.reason === 'bereavement')).toMatchObject({
      referrals: null,
      withoutService: null,
      suppressed: true,
    });
    const csv = await api
      .http()
      .get(`/v1/reports/unmet-need?from=${today()}`)
      .set(manager())
      .set('Accept', 'text/csv')
      .expect(200);
    expect(csv.text).toContain(`${today()},${today()},none,8000,bereavement,5-10,1,1,100,0`);
    const bad = await api.http().get('/v1/reports/unmet-need?period=soon').set(commissioner());
    expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, 'period']);
  });
});
