import { randomUUID } from 'node:crypto';
import { Api, bearer, startApi } from './support/api-harness';
import { referralBody } from './support/referral-fixtures';

type Suggestion = {
  service: { id: string };
  reportedIssues: { kind: string }[];
  why: string[];
};

/** Issue 19, item 7: directory editors keep the directory current; link workers report what has closed or changed. */
describe('Keeping the community directory current', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi({ DIRECTORY_SEED: 'true' });
  }, 60_000);
  afterAll(() => api.close());

  const editor = () => bearer(api.token('directory_editor', 'ed-1'));
  const lw = () => bearer(api.token('link_worker', 'lw-1'));
  const chessClub = {
    name: 'Castle Chess Club',
    status: 'active',
    description: 'Chess for beginners on Saturday mornings',
    minimum_age: 8,
    maximum_age: 16,
    assured_date: new Date().toISOString().slice(0, 10),
  };

  it('lets a directory editor add and edit services, guarded by If-Match, every change in its history', async () => {
    const added = await api.http().post('/v1/directory/services').set(editor()).send(chessClub).expect(201);
    expect(added.body).toMatchObject({ version: 1, outcome: 'added' });
    expect(added.headers.etag).toBe('"1"');
    const id = String(added.body.id);
    expect((await api.http().get(`/directory/services/${id}`).expect(200)).body).toMatchObject({
      name: 'Castle Chess Club',
      stale: false,
      reported_issues: [],
    });

    const again = await api
      .http()
      .post('/v1/directory/services')
      .set(editor())
      .send({ ...chessClub, id });
    expect([again.status, again.body.code]).toEqual([409, 'DIRECTORY.SERVICE_EXISTS']);
    const put = (body: object, ifMatch?: string, key?: string) => {
      let req = api.http().put(`/v1/directory/services/${id}`).set(editor());
      if (ifMatch) req = req.set('If-Match', ifMatch);
      if (key) req = req.set('Idempotency-Key', key);
      return req.send(body);
    };
    const renamed = await put({ ...chessClub, name: 'Castle Chess and Go Club' }, '"1"', 'rename-1').expect(
      200,
    );
    expect(renamed.body).toEqual({ id, version: 2, outcome: 'changed' });
    const replayed = await put({ ...chessClub, name: 'Castle Chess and Go Club' }, '"1"', 'rename-1').expect(
      200,
    );
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    const stale = await put({ ...chessClub, name: 'Lost update' }, '"1"');
    expect([stale.status, stale.body.code]).toEqual([412, 'HTTP.STALE_VERSION']);
    expect((await put({ ...chessClub, name: 'Castle Chess and Go Club' }).expect(200)).body.outcome).toBe(
      'unchanged',
    );

    const invalid = await put({ ...chessClub, minimum_age: 17 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toEqual([{ field: 'minimum_age', message: 'is greater than maximum_age' }]);
    const otherId = await put({ ...chessClub, id: 'someone-else' });
    expect([otherId.status, otherId.body.errors]).toEqual([
      400,
      [{ field: 'id', message: 'must equal the service id in the path' }],
    ]);
    const unknown = await api
      .http()
      .put(`/v1/directory/services/${randomUUID()}`)
      .set(editor())
      .send(chessClub);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'DIRECTORY.SERVICE_NOT_FOUND']);
    const noName = await api.http().post('/v1/directory/services').set(editor()).send({ status: 'active' });
    expect([noName.status, noName.body.errors]).toEqual([
      400,
      [{ field: '(service)', message: "must have required property 'name'" }],
    ]);

    const history = (await api.http().get(`/v1/directory/services/${id}/history`).set(editor()).expect(200))
      .body;
    expect(history).toMatchObject({ serviceId: id, version: 2 });
    expect(history.changes.map((c: { by: string; action: string }) => [c.by, c.action])).toEqual([
      ['ed-1', 'added'],
      ['ed-1', 'changed'],
    ]);
    expect(history.changes[1].previous.name).toBe('Castle Chess Club');

    // Least privilege: a link worker cannot edit the directory; an editor sees no case data.
    expect((await api.http().post('/v1/directory/services').set(lw()).send(chessClub)).status).toBe(403);
    expect((await api.http().get('/v1/caseloads').set(editor())).status).toBe(403);
    expect((await api.http().get('/v1/reports/outcomes').set(editor())).status).toBe(403);
  });

  it("shows a link worker's report that a service closed until an editor resolves it, then the service is inactive", async () => {
    const body = referralBody({
      reasons: ['anxiety', 'social_isolation'],
      youngPerson: {
        givenName: 'Ria',
        familyName: 'Example',
        dateOfBirth: '2014-01-10',
        postcode: 'LA1 1AA',
      },
    });
    await api
      .http()
      .post('/v1/referrals')
      .set(bearer(api.token('service_manager', 'sm-1')))
      .send(body)
      .expect(201);
    const suggestionsPath = `/v1/referrals/${String(body.id)}/suggested-services?limit=50`;
    const suggested = async () =>
      (await api.http().get(suggestionsPath).set(lw()).expect(200)).body.suggestions as Suggestion[];
    const first = (await suggested())[0]!;
    const serviceId = first.service.id;

    const report = await api
      .http()
      .post(`/v1/directory/services/${serviceId}/reports`)
      .set(lw())
      .send({ kind: 'closed', detail: 'The hall has shut for good' })
      .expect(201);
    expect(report.body).toMatchObject({ serviceId, kind: 'closed', reportedBy: 'lw-1', resolution: null });
    const bad = await api
      .http()
      .post(`/v1/directory/services/${serviceId}/reports`)
      .set(lw())
      .send({ kind: 'moved' });
    expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, 'kind']);
    const nowhere = await api
      .http()
      .post(`/v1/directory/services/${randomUUID()}/reports`)
      .set(lw())
      .send({ kind: 'closed' });
    expect([nowhere.status, nowhere.body.code]).toEqual([404, 'DIRECTORY.SERVICE_NOT_FOUND']);

    // Everyone sees the report on the service (kind and date only); suggestions flag it and put it last.
    const shown = (await api.http().get(`/directory/services/${serviceId}`).expect(200)).body;
    expect(shown.reported_issues).toEqual([{ kind: 'closed', reported_at: expect.any(String) }]);
    expect(JSON.stringify(shown)).not.toContain('lw-1');
    const flagged = await suggested();
    const hit = flagged.find((s) => s.service.id === serviceId)!;
    expect(hit.reportedIssues).toEqual([{ kind: 'closed', reported_at: expect.any(String) }]);
    expect(hit.why.at(-1)).toMatch(
      /^Reported closed by a link worker on \d{4}-\d{2}-\d{2}: awaiting a directory editor$/,
    );
    expect(flagged.at(-1)!.service.id).toBe(serviceId);

    const queue = (await api.http().get('/v1/directory/reports').set(editor()).expect(200)).body;
    expect(queue.reports.map((r: { id: string }) => r.id)).toContain(report.body.id);
    expect(
      (
        await api
          .http()
          .get('/v1/directory/reports')
          .set(bearer(api.token('commissioner', 'c-1')))
      ).status,
    ).toBe(403);
    const resolve = (outcome: string) =>
      api
        .http()
        .post(`/v1/directory/reports/${String(report.body.id)}/resolve`)
        .set(editor())
        .send({ outcome });
    expect(
      (
        await api
          .http()
          .post(`/v1/directory/reports/${String(report.body.id)}/resolve`)
          .set(lw())
          .send({ outcome: 'closed' })
      ).status,
    ).toBe(403);
    expect((await resolve('deleted')).status).toBe(400);
    const resolved = await resolve('closed').expect(200);
    expect(resolved.body.resolution).toMatchObject({ outcome: 'closed', by: 'ed-1' });
    const twice = await resolve('no_change');
    expect([twice.status, twice.body.code]).toEqual([409, 'DIRECTORY.REPORT_RESOLVED']);

    const closed = (await api.http().get(`/directory/services/${serviceId}`).expect(200)).body;
    expect(closed).toMatchObject({ status: 'inactive', reported_issues: [] });
    expect((await suggested()).map((s) => s.service.id)).not.toContain(serviceId);
    const open = (await api.http().get('/v1/directory/reports').set(editor()).expect(200)).body.reports;
    expect(open.map((r: { id: string }) => r.id)).not.toContain(report.body.id);
    const all = (await api.http().get('/v1/directory/reports?status=all').set(editor()).expect(200)).body
      .reports;
    expect(all.map((r: { id: string }) => r.id)).toContain(report.body.id);
  });
});
