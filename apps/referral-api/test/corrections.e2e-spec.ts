import { randomUUID } from 'node:crypto';
import { projectionsCaughtUp, Api, bearer, startApi } from './support/api-harness';
import { referralBody } from './support/referral-fixtures';

const RECEIVED = '2026-10-01T09:00:00.000Z';

/** Issue 17, 4: a mistyped name, date of birth or NHS number is put right with an event, not an edit. */
describe('Correcting demographics', () => {
  let api: Api;
  const manager = () => bearer(api.token('service_manager', 'sm-1'));
  const lw = () => bearer(api.token('link_worker', 'lw-1'));
  const auditor = () => bearer(api.token('auditor', 'aud-1'));
  const refer = async (youngPerson: Record<string, unknown>, receivedAt = RECEIVED) => {
    const body = referralBody({ receivedAt, youngPerson });
    await api
      .http()
      .post('/v1/referrals')
      .set(bearer(api.token('referrer', 'ref-1')))
      .send(body)
      .expect(201);
    return String(body.id);
  };
  const correct = (id: string, body: Record<string, unknown>) =>
    api.http().post(`/v1/referrals/${id}/demographics-correction`).set(lw()).send(body);
  const search = async (query: string) =>
    (
      (await api.http().get(`/v1/referrals?${query}`).set(manager()).expect(200)).body.referrals as {
        id: string;
      }[]
    ).map((r) => r.id);

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('records the correction as its own event, shown in history as a correction of the referral as received', async () => {
    const id = await refer({ givenName: 'Sam', familyName: 'Tayler', dateOfBirth: '2014-03-02' });
    const res = await correct(id, {
      youngPerson: { familyName: 'Taylor', dateOfBirth: '2016-03-02' },
      reason: 'Typed from a handwritten letter',
    }).expect(200);
    expect(res.body).toMatchObject({ id, version: 2, status: 'received' });

    const view = await api.http().get(`/v1/referrals/${id}`).set(manager()).expect(200);
    expect(view.body.youngPerson).toMatchObject({
      givenName: 'Sam',
      familyName: 'Taylor',
      dateOfBirth: '2016-03-02',
    });
    const history = await api.http().get(`/v1/referrals/${id}/history`).set(auditor()).expect(200);
    const events = history.body.events as { type: string; data: Record<string, unknown> }[];
    expect(events.map((e) => e.type)).toEqual(['ReferralReceived', 'DemographicsCorrected']);
    expect(events[1]!.data).toMatchObject({
      corrects: 'ReferralReceived',
      corrected: ['familyName', 'dateOfBirth'],
      ageAtReferral: 10,
    });

    // The same correction again changes nothing.
    const again = await correct(id, { youngPerson: { familyName: 'Taylor' }, reason: 'Again' }).expect(200);
    expect(again.body.version).toBe(2);
  });

  it('moves the referral to its corrected age band, name and date of birth in the queue and the search', async () => {
    const id = await refer({ givenName: 'Kit', familyName: 'Jonse', dateOfBirth: '2012-05-05' });
    await projectionsCaughtUp(api);
    expect(await search('name=jonse')).toEqual([id]);
    await correct(id, {
      youngPerson: { familyName: 'Jones', dateOfBirth: '2017-05-05' },
      reason: 'Confirmed with the family',
    }).expect(200);
    await projectionsCaughtUp(api);
    expect(await search('name=jonse')).toEqual([]);
    expect(await search('name=kit%20jones&dateOfBirth=2017-05-05&ageBand=5-10')).toEqual([id]);
    const queue = await api.http().get('/v1/referrals/queue?limit=200').set(lw()).expect(200);
    const row = (queue.body.referrals as { id: string; youngPerson: Record<string, unknown> }[]).find(
      (r) => r.id === id,
    )!;
    expect(row.youngPerson).toMatchObject({ familyName: 'Jones', ageBandAtReferral: '5-10' });
  });

  it('matches a corrected NHS number against other referrals of the same young person', async () => {
    const first = await refer({ givenName: 'Ari', familyName: 'Moss', dateOfBirth: '2011-01-01' });
    const second = await refer(
      {
        givenName: 'Ari',
        familyName: 'Moss',
        dateOfBirth: '2011-01-01',
        nhsNumber: '401 023 2137',
      },
      '2026-10-02T09:00:00.000Z',
    );
    await correct(first, { youngPerson: { nhsNumber: '4010232137' }, reason: 'From the GP record' }).expect(
      200,
    );
    await projectionsCaughtUp(api);
    const flags = await api.http().get(`/v1/referrals/${second}`).set(manager()).expect(200);
    expect(flags.body.possibleDuplicateOf).toEqual([{ referralId: first, reason: 'nhs_number' }]);
    expect(await search('nhsNumber=4010232137&sort=receivedAt')).toEqual(
      expect.arrayContaining([first, second]),
    );
  });

  it('refuses what cannot be right: a failed check digit, a birth after the referral, nothing to correct, no reason', async () => {
    const id = await refer({ givenName: 'Bo', familyName: 'Lee', dateOfBirth: '2013-02-02' });
    const nhs = await correct(id, { youngPerson: { nhsNumber: '9434765918' }, reason: 'x' }).expect(422);
    expect(nhs.body.code).toBe('REFERRAL.INVALID_NHS_NUMBER');
    const born = await correct(id, { youngPerson: { dateOfBirth: '2026-12-01' }, reason: 'x' }).expect(422);
    expect(born.body.code).toBe('REFERRAL.INVALID_DATE_OF_BIRTH');
    const empty = await correct(id, { youngPerson: {}, reason: 'x' }).expect(400);
    expect(JSON.stringify(empty.body)).toMatch(/youngPerson must give at least one of/);
    expect(
      JSON.stringify((await correct(id, { youngPerson: { givenName: 'Bea' } }).expect(400)).body),
    ).toMatch(/reason/);
    const unknown = await correct(id, { youngPerson: { middleName: 'Q' }, reason: 'x' }).expect(400);
    expect(JSON.stringify(unknown.body)).toMatch(/middleName/);
    const blank = await correct(id, { youngPerson: { givenName: 'Bea' }, reason: '   ' }).expect(422);
    expect(blank.body.code).toBe('REFERRAL.CORRECTION_REASON_REQUIRED');
  });

  it('keeps If-Match and Idempotency-Key semantics', async () => {
    const id = await refer({ givenName: 'Cy', familyName: 'Park', dateOfBirth: '2012-02-02' });
    const body = { youngPerson: { givenName: 'Cyrus' }, reason: 'Full name' };
    await correct(id, body).set('If-Match', '"5"').expect(412);
    const key = randomUUID();
    const once = await correct(id, body).set('If-Match', '"1"').set('Idempotency-Key', key).expect(200);
    const twice = await correct(id, body).set('If-Match', '"1"').set('Idempotency-Key', key).expect(200);
    expect(twice.body).toEqual(once.body);
  });

  it('answers 410 Gone once the personal data is erased, and the search no longer finds it', async () => {
    const id = await refer({ givenName: 'Dee', familyName: 'Fox', dateOfBirth: '2012-02-02' });
    await projectionsCaughtUp(api);
    expect(await search('name=dee%20fox')).toEqual([id]);
    await api
      .http()
      .post(`/v1/referrals/${id}/erasure`)
      .set(manager())
      .send({ reason: 'Referral created in error' })
      .expect(200);
    const gone = await api
      .http()
      .post(`/v1/referrals/${id}/demographics-correction`)
      .set(manager())
      .send({ youngPerson: { givenName: 'Di' }, reason: 'x' })
      .expect(410);
    expect(gone.body).toMatchObject({ status: 410, code: 'REFERRAL.ERASED' });
    expect(gone.headers['content-type']).toMatch(/problem\+json/);
    // Nothing identifying stays in the index: the erased referral is no longer found by name.
    await projectionsCaughtUp(api);
    expect(await search('name=dee%20fox')).toEqual([]);
  });
});
