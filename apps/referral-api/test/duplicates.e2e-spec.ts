import { READ_MODELS } from '../src/projections/read-models.module';
import type { ReadModels } from '@app/read-models';
import { projectionsCaughtUp, Api, bearer, startApi } from './support/api-harness';
import { referralBody } from './support/referral-fixtures';

const on = (day: number) => `2026-10-${String(day).padStart(2, '0')}T09:00:00.000Z`;
const SAM = { givenName: 'Sam', familyName: 'Taylor', dateOfBirth: '2014-03-02', nhsNumber: '943 476 5919' };

type Flags = {
  possibleDuplicateOf: { referralId: string; reason: string }[];
  dataQuality: { issue: string; referralId: string; fields: string[] }[];
};

/** Issue 17, 2 and 3: the same young person referred again is found, flagged and settled. */
describe('Duplicates and identity search', () => {
  let api: Api;
  const ids: Record<string, string> = {};
  const manager = () => bearer(api.token('service_manager', 'sm-1', { teams: ['default', 'south'] }));
  const lw = () => bearer(api.token('link_worker', 'lw-1'));
  const search = (query: string) => api.http().get(`/v1/referrals?${query}&sort=receivedAt`).set(manager());
  const idsOf = (res: { body: { referrals: { id: string }[] } }) => res.body.referrals.map((r) => r.id);
  const flagsOf = async (key: string): Promise<Flags> =>
    (await api.http().get(`/v1/referrals/${ids[key]}`).set(manager()).expect(200)).body as Flags;
  const resolve = (key: string, body: Record<string, unknown>) =>
    api.http().post(`/v1/referrals/${ids[key]}/duplicate-resolution`).set(lw()).send(body);

  beforeAll(async () => {
    api = await startApi({ TEAM_BY_PCN: 'U77777=south' });
    const refer = async (key: string, day: number, youngPerson: Record<string, unknown>, more = {}) => {
      const body = referralBody({ receivedAt: on(day), youngPerson, ...more });
      await api
        .http()
        .post('/v1/referrals')
        .set(bearer(api.token('referrer', 'ref-1')))
        .send(body)
        .expect(201);
      ids[key] = String(body.id);
    };
    await refer('first', 1, SAM);
    await refer('again', 2, { ...SAM, givenName: 'SAM', nhsNumber: '9434765919' });
    await refer('mistyped', 3, {
      ...SAM,
      givenName: 'Samantha',
      familyName: 'Taylor-Smith',
      dateOfBirth: '2014-03-20',
    });
    await refer('jo', 4, { givenName: 'Jo', familyName: "O'Brien", dateOfBirth: '2012-07-01' });
    await refer('joAgain', 5, { givenName: 'JO', familyName: 'OBrien ', dateOfBirth: '2012-07-01' });
    await refer('south', 6, SAM, { pcnCode: 'U77777' });
    await projectionsCaughtUp(api);
  });
  afterAll(() => api.close());

  it('flags a referral of the same young person as a possible duplicate of each earlier open referral, by NHS number or else name and date of birth', async () => {
    expect((await flagsOf('first')).possibleDuplicateOf).toEqual([]);
    expect((await flagsOf('again')).possibleDuplicateOf).toEqual([
      { referralId: ids.first, reason: 'nhs_number' },
    ]);
    expect((await flagsOf('mistyped')).possibleDuplicateOf).toEqual(
      expect.arrayContaining([
        { referralId: ids.first, reason: 'nhs_number' },
        { referralId: ids.again, reason: 'nhs_number' },
      ]),
    );
    expect((await flagsOf('joAgain')).possibleDuplicateOf).toEqual([
      { referralId: ids.jo, reason: 'name_and_date_of_birth' },
    ]);
  });

  it('flags the same NHS number under another name or date of birth as a data-quality issue', async () => {
    expect((await flagsOf('mistyped')).dataQuality).toEqual(
      expect.arrayContaining([
        { issue: 'demographics_differ', referralId: ids.first, fields: ['name', 'dateOfBirth'] },
      ]),
    );
    expect((await flagsOf('first')).dataQuality).toContainEqual({
      issue: 'demographics_differ',
      referralId: ids.mistyped,
      fields: ['name', 'dateOfBirth'],
    });
    expect((await flagsOf('again')).dataQuality.map((d) => d.referralId)).toEqual([ids.mistyped]);
  });

  it('shows the flags on the triage queue', async () => {
    const queue = await api.http().get('/v1/referrals/queue').set(lw()).expect(200);
    const again = (queue.body.referrals as ({ id: string } & Flags)[]).find((r) => r.id === ids.again)!;
    expect(again.possibleDuplicateOf).toEqual([{ referralId: ids.first, reason: 'nhs_number' }]);
    expect(again.dataQuality).toHaveLength(1);
  });

  it('finds referrals by NHS number, name words and date of birth, whatever the spacing, case or accents', async () => {
    const sams = [ids.first, ids.again, ids.mistyped, ids.south];
    expect(idsOf(await search('nhsNumber=9434765919').expect(200))).toEqual(sams);
    expect(idsOf(await search('nhsNumber=943%20476%205919').expect(200))).toEqual(sams);
    expect(idsOf(await search('name=sam%20TAYLOR').expect(200))).toEqual([ids.first, ids.again, ids.south]);
    expect(idsOf(await search('name=taylor&dateOfBirth=2014-03-20').expect(200))).toEqual([ids.mistyped]);
    expect(idsOf(await search('name=o%E2%80%99brien').expect(200))).toEqual([ids.jo, ids.joAgain]);
    expect(idsOf(await search('name=J%C3%B3').expect(200))).toEqual([ids.jo, ids.joAgain]);
    expect(idsOf(await search('name=taylor&pcnCode=U77777').expect(200))).toEqual([ids.south]);
    const one = (await search('nhsNumber=9434765919&limit=1').expect(200)).body;
    expect(one.referrals[0].youngPerson).toMatchObject({ givenName: 'Sam', familyName: 'Taylor' });
    const next = await search(`nhsNumber=9434765919&limit=1&cursor=${one.next}`).expect(200);
    expect(idsOf(next)).toEqual([ids.again]);
    const other = await search(`nhsNumber=9876543210&limit=1&cursor=${one.next}`).expect(400);
    expect(other.body.detail).toMatch(/another search|other filters/);
  });

  it('refuses an NHS number that fails its check digit, and a name without letters', async () => {
    const bad = await search('nhsNumber=9434765918').expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/nhsNumber/);
    expect(JSON.stringify((await search('name=1234').expect(400)).body)).toMatch(/name/);
  });

  it('writes every search to the access log, and keeps names and NHS numbers out of the read models', async () => {
    await search('name=taylor').expect(200);
    const log = await api
      .http()
      .get('/v1/audit/access?actor=sm-1')
      .set(bearer(api.token('auditor', 'aud-1')))
      .expect(200);
    expect(log.body.accesses.some((a: { endpoint: string }) => a.endpoint === 'GET /v1/referrals')).toBe(
      true,
    );
    // Which children a search showed is on the record: an auditor asking about one finds the search.
    await projectionsCaughtUp(api);
    const seen = await api
      .http()
      .get(`/v1/audit/access?referralId=${ids.mistyped}`)
      .set(bearer(api.token('auditor', 'aud-1')))
      .expect(200);
    expect(seen.body.accesses.map((a: { endpoint: string }) => a.endpoint)).toEqual(
      expect.arrayContaining(['GET /v1/referrals', 'GET /v1/referrals/queue']),
    );
    const rows = JSON.stringify(await api.app.get<ReadModels>(READ_MODELS).rows());
    expect(rows).toContain('"identity"');
    expect(rows).not.toMatch(/taylor|9434765919|2014-03-02|brien/i);
  });

  it('refuses to merge into itself, into a closed or unknown referral, or across teams, with a code', async () => {
    const self = await resolve('again', { decision: 'merge', duplicateOf: ids.again }).expect(422);
    expect(self.body.code).toBe('REFERRAL.MERGE_INTO_SELF');
    const unknown = await resolve('again', {
      decision: 'merge',
      duplicateOf: '7d2c5f0e-8b1a-4c3d-9e6f-a1b2c3d4e5f6',
    }).expect(422);
    expect(unknown.body.code).toBe('REFERRAL.DUPLICATE_NOT_FOUND');
    const across = await api
      .http()
      .post(`/v1/referrals/${ids.south}/duplicate-resolution`)
      .set(manager())
      .send({ decision: 'merge', duplicateOf: ids.first })
      .expect(422);
    expect(across.body.code).toBe('REFERRAL.MERGE_ACROSS_TEAMS');
    const bad = await resolve('again', { decision: 'combine', duplicateOf: ids.first }).expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/decision/);
  });

  it('merges a duplicate into the open referral (closed as merged, its events kept) and keeps separate episodes apart', async () => {
    const merged = await resolve('again', { decision: 'merge', duplicateOf: ids.first }).expect(200);
    expect(merged.body).toMatchObject({ id: ids.again, status: 'merged' });
    const view = await api.http().get(`/v1/referrals/${ids.again}`).set(manager()).expect(200);
    expect(view.body).toMatchObject({ status: 'merged' });
    const history = await api
      .http()
      .get(`/v1/referrals/${ids.again}/history`)
      .set(bearer(api.token('auditor', 'aud-1')))
      .expect(200);
    const types = (history.body.events as { type: string }[]).map((e) => e.type);
    expect(types).toEqual(['ReferralReceived', 'ReferralMerged']);

    const closed = await resolve('mistyped', { decision: 'merge', duplicateOf: ids.again }).expect(422);
    expect(closed.body.code).toBe('REFERRAL.MERGE_INTO_CLOSED');
    const afterMerge = await api
      .http()
      .post(`/v1/referrals/${ids.again}/duplicate-resolution`)
      .set(manager())
      .send({ decision: 'keep_both', duplicateOf: ids.first })
      .expect(422);
    expect(afterMerge.body.code).toBe('REFERRAL.CLOSED');

    await resolve('mistyped', { decision: 'keep_both', duplicateOf: ids.first }).expect(200);
    await resolve('joAgain', { decision: 'keep_both', duplicateOf: ids.jo }).expect(200);
    await projectionsCaughtUp(api);
    expect((await flagsOf('mistyped')).possibleDuplicateOf).toEqual([]);
    expect((await flagsOf('joAgain')).possibleDuplicateOf).toEqual([]);
    const received = await search('status=received&nhsNumber=9434765919').expect(200);
    expect(idsOf(received)).toEqual([ids.first, ids.mistyped, ids.south]);
    expect(idsOf(await search('status=merged').expect(200))).toEqual([ids.again]);
  });
});
