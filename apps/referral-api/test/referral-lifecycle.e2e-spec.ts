import { Api, bearer, startApi } from './support/api-harness';
import { at, referralBody } from './support/referral-fixtures';
import { LINK_WORKER, referralAt } from './support/referral-flow';

describe('Referral lifecycle over HTTP', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const lw = () => bearer(api.token('link_worker', LINK_WORKER));
  const manager = () => bearer(api.token('service_manager', 'sm-1'));

  it('takes a referral from received to ended through every command, versioning each step', async () => {
    const body = referralBody();
    const created = await api
      .http()
      .post('/v1/referrals')
      .set(bearer(api.token('referrer', 'gp-1')))
      .send(body)
      .expect(201);
    expect(created.body).toEqual({ id: body.id, version: 1, status: 'received' });
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe(`/v1/referrals/${String(body.id)}`);
    const id = created.body.id as string;
    const post = (path: string, payload: object, headers = lw()) =>
      api.http().post(`/v1/referrals/${id}${path}`).set(headers).send(payload);

    expect((await post('/accept', { linkWorkerId: LINK_WORKER, at: at(2) })).body).toEqual({
      id,
      version: 2,
      status: 'accepted',
    });
    await post('/assign', { linkWorkerId: 'lw-bo', at: at(2, 11) }, manager()).expect(200, {
      id,
      version: 3,
      status: 'accepted',
    });
    await post('/assign', { linkWorkerId: LINK_WORKER, at: at(2, 12) }, manager()).expect(200);
    const consent = await post('/consent', {
      givenBy: 'young_person',
      basis: 'gillick_competent',
      competenceAssessedBy: 'lw-ada',
      scopes: ['support', 'share_with_camhs'],
      at: at(3),
    }).expect(200);
    expect(consent.body).toEqual({ id, version: 5, status: 'active' });
    const goalId = '7d0f1f59-3c5c-4bb5-9f43-08c6d7cc1a11';
    await post('/goals', {
      goals: [{ id: goalId, description: 'Go to school three days a week', score: 2 }],
      at: at(4),
    }).expect(200);
    await post(`/goals/${goalId}/scores`, { score: 6, at: at(20) }).expect(200);
    await post('/sessions', {
      format: 'one_to_one',
      setting: 'school',
      durationMinutes: 45,
      attended: true,
      activities: ['football club'],
      at: at(5),
    }).expect(200);
    await post('/outcomes', {
      measure: 'ONS4',
      rater: 'young_person',
      score: { lifeSatisfaction: 5, worthwhile: 6, happiness: 4 },
      at: at(5),
    }).expect(200);
    await post('/outcomes', { measure: 'CORS', rater: 'young_person', score: 22, at: at(5) }).expect(200);
    const handoff = await post('/handoffs', {
      target: 'camhs',
      reason: 'Persistent panic attacks',
      urgency: 'urgent',
      at: at(21),
    }).expect(202);
    expect(handoff.body).toEqual({ id, handoffId: expect.any(String), status: 'requested', version: 11 });
    await post(
      `/handoffs/${handoff.body.handoffId}/acknowledge`,
      { reference: 'CAMHS-123', at: at(22) },
      bearer(api.token('integration', 'camhs-system', { partner: 'camhs' })),
    ).expect(200);
    await post('/consent/withdraw', { scopes: ['share_with_camhs'], at: at(23) }).expect(200, {
      id,
      version: 13,
      status: 'active',
    });
    await post('/end', { reason: 'transferred_to_camhs', at: at(24) }).expect(200, {
      id,
      version: 14,
      status: 'ended',
    });

    const view = await api.http().get(`/v1/referrals/${id}`).set(manager()).expect(200);
    expect(view.headers.etag).toBe('"14"');
    expect(view.body).toMatchObject({
      id,
      version: 14,
      status: 'ended',
      receivedAt: '2026-09-01T09:00:00.000Z',
      linkWorkerId: LINK_WORKER,
      youngPerson: { givenName: 'Sam', nhsNumber: '9434765919', ageYears: 12 },
      consent: { scopes: ['support'], basis: 'gillick_competent', competenceAssessedBy: 'lw-ada' },
      goals: [{ id: goalId, firstScore: 2, latestScore: 6 }],
      sessions: { total: 1, attended: 1, firstAttendedAt: at(5).replace('Z', '.000Z') },
      handoffs: [
        {
          target: 'camhs',
          status: 'acknowledged',
          reference: 'CAMHS-123',
          consentScope: 'share_with_camhs',
          safeguarding: false,
        },
      ],
      endedAt: '2026-09-24T10:00:00.000Z',
      endReason: 'transferred_to_camhs',
    });
    expect(view.body.outcomes).toHaveLength(2);

    const history = await api
      .http()
      .get(`/v1/referrals/${id}/history`)
      .set(bearer(api.token('auditor', 'aud-1')))
      .expect(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
      'ReferralReceived',
      'ReferralAccepted',
      'LinkWorkerAssigned',
      'LinkWorkerAssigned',
      'ConsentObtained',
      'GoalsSet',
      'GoalScoreRecorded',
      'SessionHeld',
      'OutcomeRecorded',
      'OutcomeRecorded',
      'HandoffRequested',
      'HandoffAcknowledged',
      'ConsentWithdrawn',
      'ReferralEnded',
    ]);
    const accepted = history.body.events[1];
    expect(accepted.data.snomedCode).toBe('871731000000106');
    expect(accepted.metadata).toMatchObject({
      actor: { sub: LINK_WORKER, roles: ['link_worker'] },
      occurredAt: '2026-09-02T10:00:00.000Z',
      schemaVersion: 1,
      eventId: expect.any(String),
      correlationId: expect.any(String),
      causationId: expect.any(String),
      recordedAt: expect.any(String),
    });
  });

  it('declines with signposting, coded as social prescribing declined', async () => {
    const id = await referralAt(api, 'received');
    await api
      .http()
      .post(`/v1/referrals/${id}/decline`)
      .set(lw())
      .send({ reason: 'Needs specialist support', signpostedTo: 'Kooth' })
      .expect(200, { id, version: 2, status: 'declined' });
    const history = await api.http().get(`/v1/referrals/${id}/history`).set(manager()).expect(200);
    expect(history.body.events[1].data).toMatchObject({
      reason: 'Needs specialist support',
      signpostedTo: 'Kooth',
      snomedCode: '871711000000103',
    });
  });

  it('rejects a handoff answer with the partner reason and shares under safeguarding without consent', async () => {
    const id = await referralAt(api, 'accepted');
    const handoff = await api
      .http()
      .post(`/v1/referrals/${id}/handoffs`)
      .set(lw())
      .send({
        target: 'school',
        reason: 'Disclosure at session',
        urgency: 'urgent',
        safeguarding: { justification: 'Risk of harm disclosed; DSL must know' },
      })
      .expect(202);
    await api
      .http()
      .post(`/v1/referrals/${id}/handoffs/${handoff.body.handoffId}/reject`)
      .set(bearer(api.token('integration', 'school-mis', { partner: 'school' })))
      .send({ reason: 'Pupil has left the school' })
      .expect(200);
    const view = await api.http().get(`/v1/referrals/${id}`).set(lw()).expect(200);
    expect(view.body.handoffs[0]).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Pupil has left the school',
      consentScope: null,
      safeguarding: true,
    });
  });

  it('withdrawing support consent returns the referral to accepted', async () => {
    const id = await referralAt(api, 'active');
    await api
      .http()
      .post(`/v1/referrals/${id}/consent/withdraw`)
      .set(lw())
      .expect(200, { id, version: 4, status: 'accepted' });
  });

  it('shows a referrer only the status of the referral they made', async () => {
    const body = referralBody();
    await api
      .http()
      .post('/v1/referrals')
      .set(bearer(api.token('referrer', 'gp-7')))
      .send(body)
      .expect(201);
    const res = await api
      .http()
      .get(`/v1/referrals/${String(body.id)}`)
      .set(bearer(api.token('referrer', 'gp-7')))
      .expect(200);
    expect(res.body).toMatchObject({ id: body.id, status: 'received', version: 1 });
    expect(res.body.youngPerson).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain('Taylor');
  });

  it('serves health without a token and the OpenAPI document at /docs-json', async () => {
    await api
      .http()
      .get('/health')
      .expect(200)
      .expect((r) => expect(r.body.status).toBe('ok'));
    const docs = await api.http().get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/referrals',
        '/v1/referrals/{id}',
        '/v1/referrals/{id}/history',
        '/v1/referrals/{id}/handoffs/{handoffId}/acknowledge',
      ]),
    );
    await api.http().get('/docs').expect(200);
  });
});
