import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { Api, bearer, startApi } from './support/api-harness';
import { at, referralBody } from './support/referral-fixtures';
import { LINK_WORKER, referralAt } from './support/referral-flow';

// Bytes as given: superagent would otherwise write a Buffer sent as JSON as its JSON form.
const asIs = (bytes: unknown) => bytes as string;

describe('Bad input gets a clear problem+json and writes nothing', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const referrer = () => bearer(api.token('referrer', 'school-system-1'));
  const lw = () => bearer(api.token('link_worker', LINK_WORKER));
  const versionOf = async (id: string) =>
    (
      await api
        .http()
        .get(`/v1/referrals/${id}/history`)
        .set(bearer(api.token('auditor')))
        .expect(200)
    ).body.events.length;

  it('400 for malformed JSON', async () => {
    const res = await api
      .http()
      .post('/v1/referrals')
      .set(referrer())
      .set('Content-Type', 'application/json')
      .send('{"source": ');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 400,
      title: 'Malformed JSON',
      type: expect.any(String),
      detail: expect.any(String),
    });
  });

  it('400, not 500, for JSON nested 10,000 levels deep under the size limit, on a create and a command', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const id = await referralAt(api, 'active');
    for (const [path, body] of [
      ['/v1/referrals', `{"id":"${randomUUID()}","notes":${deep}}`],
      [`/v1/referrals/${id}/sessions`, `{"activities":${deep}}`],
      ['/v1/referrals', `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`],
    ] as const) {
      const res = await api
        .http()
        .post(path)
        .set(path === '/v1/referrals' ? referrer() : lw())
        .set('Idempotency-Key', randomUUID())
        .set('Content-Type', 'application/json')
        .send(body);
      expect({ path, status: res.status, detail: res.body.detail }).toEqual({
        path,
        status: 400,
        detail: 'The request body is nested more than 32 levels deep',
      });
    }
    expect(await versionOf(id)).toBe(3);
  });

  it('400 naming each wrong type, missing field and unknown field', async () => {
    const body = referralBody({
      reasons: 'anxiety',
      extra: true,
      youngPerson: { givenName: 7, familyName: 'T', dateOfBirth: '2014-02-30' },
    });
    const res = await api.http().post('/v1/referrals').set(referrer()).send(body).expect(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['reasons', 'extra', 'youngPerson.givenName', 'youngPerson.dateOfBirth']),
    );
    expect(res.body.errors.find((e: { field: string }) => e.field === 'extra').message).toBe(
      'extra is not a known field',
    );
  });

  it('400, not 500, when the young person or the source is missing (found by fuzzing)', async () => {
    const { youngPerson: _yp, ...noYoungPerson } = referralBody();
    const { source: _source, ...noSource } = referralBody();
    const missingPerson = await api
      .http()
      .post('/v1/referrals')
      .set(referrer())
      .send(noYoungPerson)
      .expect(400);
    expect(missingPerson.body.errors.map((e: { field: string }) => e.field)).toContain('youngPerson');
    const missingSource = await api.http().post('/v1/referrals').set(referrer()).send(noSource).expect(400);
    expect(missingSource.body.errors.map((e: { field: string }) => e.field)).toContain('source');
  });

  it('400, not 500 or a stored array, when a nested object is sent as an array (found by fuzzing)', async () => {
    const parentAsList = await api
      .http()
      .post('/v1/referrals')
      .set(referrer())
      .send(referralBody({ parentCarer: [{ name: 'Alex Taylor', relationship: 'mother' }] }))
      .expect(400);
    expect(parentAsList.body.errors.map((e: { field: string }) => e.field)).toContain('parentCarer');
    const id = await referralAt(api, 'active');
    await api
      .http()
      .post(`/v1/referrals/${id}/handoffs`)
      .set(lw())
      .send({ target: 'camhs', reason: 'Panic attacks', urgency: 'urgent', safeguarding: [] })
      .expect(400);
    await api
      .http()
      .post(`/v1/referrals/${id}/goals`)
      .set(lw())
      .send({ goals: [[{ description: 'Sleep', score: 2 }]] })
      .expect(400);
    expect(await versionOf(id)).toBe(3);
  });

  it('400 for a body that is not a JSON object, a bad If-Match and a malformed id', async () => {
    await api.http().post('/v1/referrals').set(referrer()).send([1, 2]).expect(400);
    const id = await referralAt(api, 'received');
    await api
      .http()
      .post(`/v1/referrals/${id}/accept`)
      .set(lw())
      .set('If-Match', 'banana')
      .send({ linkWorkerId: LINK_WORKER })
      .expect(400);
    const bad = await api.http().get('/v1/referrals/not-a-uuid').set(lw()).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
  });

  it('400 for text holding a NUL character, in a body, a path or a query, and nothing is written', async () => {
    const id = await referralAt(api, 'received');
    const body = await api
      .http()
      .post(`/v1/referrals/${id}/accept`)
      .set(lw())
      .send({ linkWorkerId: 'lw\u0000ada' })
      .expect(400);
    expect(body.body.errors).toEqual([
      { field: 'linkWorkerId', message: 'linkWorkerId must not contain NUL characters' },
    ]);
    const path = await api
      .http()
      .get('/v1/caseloads/lw%00ada')
      .set(bearer(api.token('service_manager')))
      .expect(400);
    expect(path.body.errors).toEqual([
      { field: 'linkWorkerId', message: 'linkWorkerId must not contain NUL characters' },
    ]);
    await api
      .http()
      .get('/v1/reports/waiting-times?measure=acceptance&groupBy=pcn%00')
      .set(bearer(api.token('service_manager')))
      .expect(400);
    expect(await versionOf(id)).toBe(1);
  });

  it('401 without a token, with a bad signature, or expired', async () => {
    await api.http().get('/v1/referrals/7d0f1f59-3c5c-4bb5-9f43-08c6d7cc1a11').expect(401);
    const forged = api.token('service_manager').replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    await api
      .http()
      .get('/v1/referrals/7d0f1f59-3c5c-4bb5-9f43-08c6d7cc1a11')
      .set(bearer(forged))
      .expect(401);
    const { signToken } = await import('../src/auth/jwt-auth.guard');
    const expired = signToken(
      'e2e-secret-that-is-long-enough-for-hs256-0123456789',
      'sm',
      ['service_manager'],
      -10,
    );
    const res = await api
      .http()
      .get('/v1/referrals/7d0f1f59-3c5c-4bb5-9f43-08c6d7cc1a11')
      .set(bearer(expired))
      .expect(401);
    expect(res.body.detail).toBe('The token has expired');
  });

  it('403 for a role without access, and for a link worker off their caseload', async () => {
    const id = await referralAt(api, 'accepted');
    await api
      .http()
      .get(`/v1/referrals/${id}`)
      .set(bearer(api.token('commissioner')))
      .expect(403);
    await api.http().get(`/v1/referrals/${id}/history`).set(lw()).expect(403);
    await api
      .http()
      .post(`/v1/referrals/${id}/sessions`)
      .set(bearer(api.token('link_worker', 'someone-else')))
      .send({ format: 'group', setting: 'school', durationMinutes: 30, attended: true })
      .expect(403);
    await api
      .http()
      .get(`/v1/referrals/${id}`)
      .set(bearer(api.token('referrer', 'another-gp')))
      .expect(403);
    const fresh = await referralAt(api, 'received');
    const res = await api
      .http()
      .post(`/v1/referrals/${fresh}/accept`)
      .set(lw())
      .send({ linkWorkerId: 'lw-other' })
      .expect(403);
    expect(res.body.detail).toMatch(/only to themselves/);
    expect(await versionOf(fresh)).toBe(1);
  });

  it('404 for an unknown referral, on reads and commands', async () => {
    const unknown = '0b7e3d9a-1f0c-4a8e-9d47-5a0c8b2e6f11';
    await api
      .http()
      .get(`/v1/referrals/${unknown}`)
      .set(bearer(api.token('service_manager')))
      .expect(404);
    await api
      .http()
      .post(`/v1/referrals/${unknown}/end`)
      .set(bearer(api.token('service_manager')))
      .send({ reason: 'other' })
      .expect(404);
    await api
      .http()
      .get(`/v1/referrals/${unknown}/history`)
      .set(bearer(api.token('auditor')))
      .expect(404);
    await api
      .http()
      .get('/v1/nothing-here')
      .set(bearer(api.token('auditor')))
      .expect(404);
  });

  it('409 when an id is reused with a different body', async () => {
    const body = referralBody();
    await api.http().post('/v1/referrals').set(referrer()).send(body).expect(201);
    const res = await api
      .http()
      .post('/v1/referrals')
      .set(referrer())
      .send({ ...body, reasons: ['bullying'] })
      .expect(409);
    expect(res.body.code).toBe('REFERRAL.ALREADY_EXISTS');
  });

  it('412 for a stale If-Match, leaving the stream as it was', async () => {
    const id = await referralAt(api, 'received');
    const res = await api
      .http()
      .post(`/v1/referrals/${id}/accept`)
      .set(lw())
      .set('If-Match', '"7"')
      .send({ linkWorkerId: LINK_WORKER })
      .expect(412);
    expect(res.body.detail).toMatch(/version 1/);
    await api
      .http()
      .post(`/v1/referrals/${id}/accept`)
      .set(lw())
      .set('If-Match', '"1"')
      .send({ linkWorkerId: LINK_WORKER })
      .expect(200);
  });

  it('413 for a body over 256 kB', async () => {
    const res = await api
      .http()
      .post('/v1/referrals')
      .set(referrer())
      .send(referralBody({ notes: 'x'.repeat(300 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ title: 'Payload too large', detail: expect.stringMatching(/256kb/) });
  });

  /** A referral POSTed as these bytes, in this Content-Encoding if any. */
  const postBytes = (bytes: Buffer, encoding?: string) => {
    const req = api.http().post('/v1/referrals').set(referrer()).set('Content-Type', 'application/json');
    return (encoding ? req.set('Content-Encoding', encoding) : req).serialize(asIs).send(bytes);
  };
  const referralBytes = (overrides: Record<string, unknown> = {}) =>
    Buffer.from(JSON.stringify(referralBody(overrides)));

  it('reads a body compressed with gzip, deflate or br, or sent after a UTF-8 byte order mark', async () => {
    expect((await postBytes(gzipSync(referralBytes()), 'gzip')).status).toBe(201);
    expect((await postBytes(deflateSync(referralBytes()), 'deflate')).status).toBe(201);
    expect((await postBytes(brotliCompressSync(referralBytes()), 'br')).status).toBe(201);
    const bom = await postBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), referralBytes()]));
    expect(bom.status).toBe(201);
  });

  it('refuses a body in an unknown encoding (415) or one that does not inflate (400), as problems', async () => {
    const unknown = await postBytes(referralBytes(), 'compress');
    expect(unknown.status).toBe(415);
    expect(unknown.body.detail).toMatch(/Content-Encoding "compress"/);
    const corrupt = await postBytes(referralBytes(), 'gzip');
    expect(corrupt.status).toBe(400);
    expect(corrupt.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(corrupt.body.detail).toMatch(/not valid gzip/);
    const huge = await postBytes(gzipSync(referralBytes({ notes: 'x'.repeat(300 * 1024) })), 'gzip');
    expect(huge.status).toBe(413);
  });

  it('names a path segment too long to route', async () => {
    const res = await api
      .http()
      .get(`/v1/referrals/${'a'.repeat(600)}`)
      .set(referrer());
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toMatch(/longer than 500 characters/);
  });

  it('415 for a non-JSON body', async () => {
    const res = await api
      .http()
      .post('/v1/referrals')
      .set(referrer())
      .set('Content-Type', 'text/plain')
      .send('hello');
    expect(res.status).toBe(415);
    expect(res.body.detail).toMatch(/application\/json/);
  });

  it.each([
    [
      'an NHS number failing Modulus 11',
      {
        youngPerson: { givenName: 'A', familyName: 'B', dateOfBirth: '2014-03-02', nhsNumber: '8429141457' },
      },
      'REFERRAL.INVALID_NHS_NUMBER',
    ],
    [
      'a four-year-old',
      { youngPerson: { givenName: 'A', familyName: 'B', dateOfBirth: '2021-09-02' } },
      'REFERRAL.AGE_OUT_OF_RANGE',
    ],
    [
      'a twenty-year-old',
      { youngPerson: { givenName: 'A', familyName: 'B', dateOfBirth: '2006-08-31' } },
      'REFERRAL.AGE_OUT_OF_RANGE',
    ],
    ['a receivedAt in the future', { receivedAt: '2999-01-01T00:00:00Z' }, 'REFERRAL.TIME_IN_FUTURE'],
  ])('422 for %s, and no referral is created', async (_, overrides, code) => {
    const body = referralBody(overrides);
    const res = await api.http().post('/v1/referrals').set(referrer()).send(body).expect(422);
    expect(res.body).toMatchObject({ status: 422, code });
    await api
      .http()
      .get(`/v1/referrals/${String(body.id)}`)
      .set(bearer(api.token('service_manager')))
      .expect(404);
  });

  it('422 for commands in the wrong state, with stable codes and no new events', async () => {
    const id = await referralAt(api, 'accepted');
    const send = (path: string, body: object) =>
      api.http().post(`/v1/referrals/${id}${path}`).set(lw()).send(body);
    expect(
      (
        await send('/sessions', {
          format: 'group',
          setting: 'school',
          durationMinutes: 30,
          attended: true,
        }).expect(422)
      ).body.code,
    ).toBe('REFERRAL.NOT_ACTIVE');
    expect(
      (await send('/handoffs', { target: 'mhst', reason: 'x', urgency: 'routine' }).expect(422)).body.code,
    ).toBe('REFERRAL.CONSENT_REQUIRED');
    expect(
      (
        await send('/consent', {
          givenBy: 'young_person',
          basis: 'aged_16_or_over',
          scopes: ['support'],
        }).expect(422)
      ).body.code,
    ).toBe('REFERRAL.CONSENT_BASIS_INVALID');
    expect((await send('/accept', { linkWorkerId: LINK_WORKER }).expect(422)).body.code).toBe(
      'REFERRAL.NOT_AWAITING_DECISION',
    );
    expect((await send('/end', { reason: 'other', at: '2026-08-01T00:00:00Z' }).expect(422)).body.code).toBe(
      'REFERRAL.TIME_BEFORE_RECEIVED',
    );
    expect(await versionOf(id)).toBe(2);
    await send('/end', { reason: 'disengaged', at: at(10) }).expect(200);
    expect((await send('/end', { reason: 'other' }).expect(422)).body.code).toBe('REFERRAL.CLOSED');
  });

  it('422 for goals beyond three, an unknown goal and out-of-range outcome scores', async () => {
    const id = await referralAt(api, 'active');
    const send = (path: string, body: object) =>
      api.http().post(`/v1/referrals/${id}${path}`).set(lw()).send(body);
    await send('/goals', {
      goals: [
        { description: 'a', score: 1 },
        { description: 'b', score: 2 },
      ],
    }).expect(200);
    expect(
      (
        await send('/goals', {
          goals: [
            { description: 'c', score: 1 },
            { description: 'd', score: 1 },
          ],
        }).expect(422)
      ).body.code,
    ).toBe('REFERRAL.TOO_MANY_GOALS');
    expect(
      (await send('/goals/0b7e3d9a-1f0c-4a8e-9d47-5a0c8b2e6f11/scores', { score: 3 }).expect(422)).body.code,
    ).toBe('REFERRAL.GOAL_NOT_FOUND');
    expect(
      (await send('/outcomes', { measure: 'SWEMWBS', rater: 'young_person', score: 50 }).expect(422)).body
        .code,
    ).toBe('REFERRAL.SCORE_OUT_OF_RANGE');
    const anxiety = { lifeSatisfaction: 5, worthwhile: 5, happiness: 5, anxiety: 3 };
    expect(
      (await send('/outcomes', { measure: 'ONS4', rater: 'young_person', score: anxiety }).expect(422)).body
        .code,
    ).toBe('REFERRAL.ITEM_NOT_ASKED');
    await send('/goals', { goals: [{ description: 'x', score: 11 }] }).expect(400);
  });
});
