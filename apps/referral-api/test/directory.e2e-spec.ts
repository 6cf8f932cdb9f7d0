import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Api, bearer, projectionsCaughtUp, startApi } from './support/api-harness';
import { referralBody } from './support/referral-fixtures';

const SCHEMAS = join(__dirname, '../../../libs/directory/src/hsds/schemas');

/** The HSDS 3.0 schemas kept in the repo (modular files that `$ref` each other by file name). */
function hsdsValidators(): Record<string, ValidateFunction> {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of readdirSync(SCHEMAS).filter((f) => f.endsWith('.json') && f !== 'openapi.json'))
    ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')), file);
  const get = (file: string) => ajv.getSchema(file)!;
  return {
    service: get('service.json'),
    organization: get('organization.json'),
    service_at_location: get('service_at_location.json'),
    taxonomy: get('taxonomy.json'),
    taxonomy_term: get('taxonomy_term.json'),
  };
}

/** Issue 19, 1-3: the community directory served as the HSDS 3.0 API, on the shipped synthetic directory. */
describe('The community directory (HSDS 3.0)', () => {
  let api: Api;
  let hsds: Record<string, ValidateFunction>;
  beforeAll(async () => {
    api = await startApi({ DIRECTORY_SEED: 'true' });
    hsds = hsdsValidators();
  }, 60_000);
  afterAll(() => api.close());

  const get = (path: string) => api.http().get(path);
  const valid = (kind: string, value: unknown) => {
    const validate = hsds[kind]!;
    const ok = validate(value);
    return ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  };
  const pageShape = {
    total_items: expect.any(Number),
    total_pages: expect.any(Number),
    page_number: expect.any(Number),
    size: expect.any(Number),
    first_page: expect.any(Boolean),
    last_page: expect.any(Boolean),
    empty: expect.any(Boolean),
    contents: expect.any(Array),
  };

  it('answers its version and profile, and pages of every entity that validate against the HSDS 3.0 schemas', async () => {
    expect((await get('/directory').expect(200)).body).toMatchObject({ version: '3.0' });
    for (const [path, kind] of [
      ['/directory/services', 'service'],
      ['/directory/organizations', 'organization'],
      ['/directory/service_at_locations', 'service_at_location'],
      ['/directory/taxonomies', 'taxonomy'],
      ['/directory/taxonomy_terms', 'taxonomy_term'],
    ] as const) {
      const res = await get(`${path}?per_page=20`).expect(200);
      expect(res.body).toEqual(pageShape);
      expect(res.body.contents.length).toBeGreaterThan(0);
      for (const item of res.body.contents)
        expect({ path, errors: valid(kind, item) }).toEqual({ path, errors: [] });
      const one = await get(`${path}/${encodeURIComponent(res.body.contents[0].id as string)}`).expect(200);
      expect({ path, errors: valid(kind, one.body) }).toEqual({ path, errors: [] });
    }
    const all = await get('/directory/services?per_page=200').expect(200);
    expect(all.body.total_items).toBeGreaterThanOrEqual(100);
    // Services not assured within DIRECTORY_FRESHNESS_MONTHS are flagged stale.
    const cutoff = new Date(Date.now() - 6 * 30.44 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    for (const s of all.body.contents as { assured_date?: string; stale: boolean }[])
      expect(s.stale).toBe(!s.assured_date || s.assured_date < cutoff);
    expect(all.body.contents.some((s: { stale: boolean }) => s.stale)).toBe(true);
  });

  it('finds services for a young person by age, need and distance from a postcode, nearest first', async () => {
    const needs = (await get('/directory/taxonomies').expect(200)).body.contents.find((t: { uri?: string }) =>
      String(t.uri).includes('/taxonomy/needs'),
    );
    const terms = (await get(`/directory/taxonomy_terms?taxonomy_id=${needs.id}&per_page=50`).expect(200))
      .body.contents;
    const anxiety = terms.find((t: { code: string }) => t.code === 'anxiety');
    const res = await get(
      `/directory/services?age=12&taxonomy_term_id=${anxiety.id}&postcode=LA1%201AA&proximity=5000&per_page=50`,
    ).expect(200);
    expect(res.body.total_items).toBeGreaterThan(0);
    const distances = res.body.contents.map((s: { distance: number }) => s.distance);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(Math.max(...distances)).toBeLessThanOrEqual(5000);
    for (const s of res.body.contents) {
      expect(s.minimum_age ?? 0).toBeLessThanOrEqual(12);
      expect(s.maximum_age ?? 99).toBeGreaterThanOrEqual(12);
      expect(s.attributes.map((a: { taxonomy_term?: { id: string } }) => a.taxonomy_term?.id)).toContain(
        anxiety.id,
      );
    }
    const text = await get('/directory/services?search=football').expect(200);
    expect(
      text.body.contents.every((s: { name: string; description?: string }) =>
        `${s.name} ${s.description}`.toLowerCase().includes('football'),
      ),
    ).toBe(true);
  });

  it('refuses bad query parameters with 400 naming the parameter, and an unknown id with 404', async () => {
    for (const [query, field] of [
      ['age=old', 'age'],
      ['per_page=0', 'per_page'],
      ['lat=91&lng=0', 'lat'],
      ['lat=54', 'lng'],
      ['postcode=NOTAPOSTCODE', 'postcode'],
      ['postcode=ZZ9%209ZZ', 'postcode'],
      ['modified_after=yesterday', 'modified_after'],
    ] as const) {
      const res = await get(`/directory/services?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await get('/directory/services/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it("suggests open services that fit a referral's age, needs and postcode, best first with why; access-logged", async () => {
    const body = referralBody({
      receivedAt: undefined,
      reasons: ['anxiety', 'social_isolation'],
      youngPerson: {
        givenName: 'Ria',
        familyName: 'Example',
        dateOfBirth: '2014-01-10',
        postcode: 'LA1 1AA',
      },
    });
    const manager = bearer(api.token('service_manager', 'sm-1'));
    await api.http().post('/v1/referrals').set(manager).send(body).expect(201);
    const path = `/v1/referrals/${String(body.id)}/suggested-services`;
    const res = await api
      .http()
      .get(path)
      .set(bearer(api.token('link_worker', 'lw-1')))
      .expect(200);
    expect(res.body).toMatchObject({
      referralId: body.id,
      ageYears: 12,
      place: { postcodeKnown: true, proximity: 8000 },
    });
    const suggestions = res.body.suggestions as {
      needsMet: string[];
      distance: number;
      stale: boolean;
      why: string[];
      service: { minimum_age?: number; maximum_age?: number };
    }[];
    expect(suggestions.length).toBeGreaterThan(3);
    for (const s of suggestions) {
      expect(s.needsMet.length).toBeGreaterThan(0);
      expect(s.needsMet.every((n) => ['anxiety', 'social_isolation'].includes(n))).toBe(true);
      expect(s.distance).toBeLessThanOrEqual(8000);
      expect(s.stale).toBe(false);
      expect(s.service.minimum_age ?? 0).toBeLessThanOrEqual(12);
      expect(s.service.maximum_age ?? 99).toBeGreaterThanOrEqual(12);
      expect(s.why[0]).toMatch(/Open to age 12/);
    }
    const ranks = suggestions.map((s) => s.needsMet.length);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    const withStale = await api.http().get(`${path}?include_stale=true&limit=50`).set(manager).expect(200);
    expect(withStale.body.suggestions.length).toBeGreaterThanOrEqual(suggestions.length);
    expect((await api.http().get(`${path}?include_stale=maybe`).set(manager)).status).toBe(400);
    expect(
      (
        await api
          .http()
          .get(path)
          .set(bearer(api.token('referrer', 'ref-1')))
      ).status,
    ).toBe(403);
    await projectionsCaughtUp(api);
    const log = await api
      .http()
      .get(`/v1/audit/access?referralId=${String(body.id)}`)
      .set(bearer(api.token('auditor', 'aud-1')))
      .expect(200);
    expect(JSON.stringify(log.body)).toContain('suggested-services');
  });

  it('prescribes a directory service for a goal and records its uptake on the referral stream', async () => {
    const body = referralBody({ receivedAt: undefined });
    const manager = bearer(api.token('service_manager', 'sm-1'));
    const lw = bearer(api.token('link_worker', 'lw-ada'));
    const id = String(body.id);
    await api.http().post('/v1/referrals').set(manager).send(body).expect(201);
    await api
      .http()
      .post(`/v1/referrals/${id}/accept`)
      .set(manager)
      .send({ linkWorkerId: 'lw-ada' })
      .expect(200);
    const service = (await get('/directory/services?per_page=1').expect(200)).body.contents[0];
    // No consent to support yet: refused.
    const early = await api
      .http()
      .post(`/v1/referrals/${id}/prescriptions`)
      .set(lw)
      .send({ serviceId: service.id });
    expect([early.status, early.body.code]).toEqual([422, 'REFERRAL.NOT_ACTIVE']);
    await api
      .http()
      .post(`/v1/referrals/${id}/consent`)
      .set(lw)
      .send({ givenBy: 'parent_carer', basis: 'parental_responsibility', scopes: ['support'] })
      .expect(200);
    await api
      .http()
      .post(`/v1/referrals/${id}/goals`)
      .set(lw)
      .send({ goals: [{ description: 'Make a friend', score: 2, need: 'social_isolation' }] })
      .expect(200);
    const before = (await api.http().get(`/v1/referrals/${id}`).set(lw).expect(200)).body;
    const goalId = before.goals[0].id;
    expect(before.goals[0].need).toBe('social_isolation');
    // The goal's need widens the match beyond the referral's reasons, and each match says which goal it serves.
    const suggested = (
      await api.http().get(`/v1/referrals/${id}/suggested-services?limit=50`).set(lw).expect(200)
    ).body.suggestions as { needsMet: string[]; goalsServed: string[]; why: string[] }[];
    const forGoal = suggested.filter((s) => s.goalsServed.includes(goalId));
    expect(forGoal.length).toBeGreaterThan(0);
    for (const s of forGoal) {
      expect(s.needsMet).toContain('social_isolation');
      expect(s.why).toContain('Serves goal 1, working on social isolation');
    }
    const badGoal = await api
      .http()
      .post(`/v1/referrals/${id}/goals`)
      .set(lw)
      .send({ goals: [{ description: 'Sleep better', score: 2, need: 'insomnia' }] });
    expect([badGoal.status, badGoal.body.errors?.[0]?.field]).toEqual([400, 'goals.0.need']);
    const stale = await api
      .http()
      .post(`/v1/referrals/${id}/prescriptions`)
      .set(lw)
      .set('If-Match', `"${before.version - 1}"`)
      .send({ serviceId: service.id });
    expect(stale.status).toBe(412);
    const prescribed = await api
      .http()
      .post(`/v1/referrals/${id}/prescriptions`)
      .set(lw)
      .set('If-Match', `"${before.version}"`)
      .send({ serviceId: service.id, goalIds: [goalId], note: 'Her cousin goes there too' })
      .expect(200);
    const prescriptionId = prescribed.body.prescriptionId;
    expect(prescribed.body).toMatchObject({ id, version: before.version + 1, status: 'active' });
    const unknown = await api
      .http()
      .post(`/v1/referrals/${id}/prescriptions`)
      .set(lw)
      .send({ serviceId: 'nope' });
    expect([unknown.status, unknown.body.errors]).toEqual([
      400,
      [{ field: 'serviceId', message: 'is not a service of the directory' }],
    ]);
    await api
      .http()
      .post(`/v1/referrals/${id}/prescriptions/${prescriptionId}/uptake`)
      .set(lw)
      .send({
        status: 'still_attending',
        startedOn: new Date().toISOString().slice(0, 10),
        feedbackScore: 8,
        feedback: 'Loves it',
      })
      .expect(200);
    const view = (await api.http().get(`/v1/referrals/${id}`).set(lw).expect(200)).body;
    expect(view.prescriptions).toEqual([
      expect.objectContaining({
        prescriptionId,
        serviceId: service.id,
        serviceName: service.name,
        goalIds: [goalId],
        uptake: expect.objectContaining({ status: 'still_attending', feedbackScore: 8 }),
      }),
    ]);
    const history = (
      await api
        .http()
        .get(`/v1/referrals/${id}/history`)
        .set(bearer(api.token('auditor', 'aud-1')))
        .expect(200)
    ).body;
    expect(history.events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['ServicePrescribed', 'PrescriptionUptakeRecorded']),
    );
    await projectionsCaughtUp(api);
    const caseload = (await api.http().get('/v1/caseloads/lw-ada').set(lw).expect(200)).body;
    expect(caseload.referrals.find((r: { referralId: string }) => r.referralId === id).prescriptions).toEqual(
      [
        {
          prescriptionId,
          serviceId: service.id,
          serviceName: service.name,
          prescribedAt: expect.any(String),
          uptake: 'still_attending',
        },
      ],
    );
    const bad = await api
      .http()
      .post(`/v1/referrals/${id}/prescriptions/${prescriptionId}/uptake`)
      .set(lw)
      .send({ status: 'loved_it', feedbackScore: 11 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'feedbackScore',
      'status',
    ]);
  });

  it('is public unless DIRECTORY_READ_TOKEN is set, then needs that token or a user token', async () => {
    const guarded = await startApi({ DIRECTORY_READ_TOKEN: 'directory-reader-token-0123456789' });
    try {
      expect((await guarded.http().get('/directory/services')).status).toBe(401);
      await guarded
        .http()
        .get('/directory/services')
        .set('Authorization', 'Bearer directory-reader-token-0123456789')
        .expect(200);
      await guarded
        .http()
        .get('/directory/services')
        .set(bearer(guarded.token('link_worker', 'lw-1')))
        .expect(200);
    } finally {
      await guarded.close();
    }
  });
});
