import { Api, bearer, projectionsCaughtUp, startApi } from './support/api-harness';
import { referralBody } from './support/referral-fixtures';
import { LINK_WORKER, referralAt } from './support/referral-flow';
import { editStoredData, storedRows } from './support/stored-events';
import { RetentionService } from '../src/records/retention.service';

describe('Audit and privacy', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const auditor = () => bearer(api.token('auditor', 'aud-1'));
  const manager = () => bearer(api.token('service_manager', 'sm-1'));
  const lw = () => bearer(api.token('link_worker', LINK_WORKER));

  describe('replay', () => {
    it('replays to a version and to a time, rebuilding the state with the live decider', async () => {
      const id = await referralAt(api, 'accepted');
      const between = new Date().toISOString();
      await new Promise((r) => setTimeout(r, 5));
      await api
        .http()
        .post(`/v1/referrals/${id}/consent`)
        .set(lw())
        .send({ givenBy: 'parent_carer', basis: 'parental_responsibility', scopes: ['support'] })
        .expect(200);
      await api
        .http()
        .post(`/v1/referrals/${id}/end`)
        .set(lw())
        .send({ reason: 'goals_achieved' })
        .expect(200);

      const v1 = await api.http().get(`/v1/referrals/${id}/history?version=1`).set(auditor()).expect(200);
      expect(v1.body).toMatchObject({ id, version: 1, state: { status: 'received', linkWorkerId: null } });
      expect(v1.body.events.map((e: { type: string }) => e.type)).toEqual(['ReferralReceived']);

      const atTime = await api
        .http()
        .get(`/v1/referrals/${id}/history`)
        .query({ asOf: between })
        .set(auditor())
        .expect(200);
      expect(atTime.body).toMatchObject({
        id,
        asOf: between,
        version: 2,
        state: { status: 'accepted', linkWorkerId: LINK_WORKER, consent: { scopes: [] } },
      });

      const now = await api.http().get(`/v1/referrals/${id}/history`).set(manager()).expect(200);
      expect(now.body).toMatchObject({ version: 4, state: { status: 'ended', endReason: 'goals_achieved' } });
      expect(
        now.body.events.every((e: { metadata: { hash: string } }) => /^[0-9a-f]{64}$/.test(e.metadata.hash)),
      ).toBe(true);
    });

    it('404 with a clear detail for a time before the referral existed', async () => {
      const id = await referralAt(api, 'received');
      const res = await api
        .http()
        .get(`/v1/referrals/${id}/history?asOf=2020-01-01T00:00:00Z`)
        .set(auditor())
        .expect(404);
      expect(res.body.detail).toMatch(/had not been received by 2020-01-01T00:00:00.000Z/);
    });
  });

  describe('tamper evidence', () => {
    it('verifies an unaltered history and names the version edited directly in the database', async () => {
      const id = await referralAt(api, 'active');
      expect((await api.http().get(`/v1/referrals/${id}/verify`).set(auditor()).expect(200)).body).toEqual({
        id,
        valid: true,
        chainValid: true,
        checkedEvents: 3,
        checkpoint: null,
      });
      await editStoredData(api, `referral-${id}`, 2, 'linkWorkerId', 'someone-else');
      expect((await api.http().get(`/v1/referrals/${id}/verify`).set(auditor()).expect(200)).body).toEqual({
        id,
        valid: false,
        chainValid: false,
        checkedEvents: 3,
        firstBrokenVersion: 2,
        checkpoint: null,
      });
    });
  });

  describe('access log', () => {
    it('records each read of a referral, its history and a caseload, and reads of the log itself', async () => {
      const id = await referralAt(api, 'active');
      await api
        .http()
        .get(`/v1/referrals/${id}`)
        .set(lw())
        .set('X-Purpose', 'session preparation')
        .expect(200);
      await api.http().get(`/v1/referrals/${id}/history`).set(auditor()).expect(200);
      // The caseload is a projection: once it holds the referral, the caseload read lists it.
      await projectionsCaughtUp(api);
      await api.http().get(`/v1/caseloads/${LINK_WORKER}`).set(lw()).expect(200);
      await projectionsCaughtUp(api);
      const log = await api.http().get(`/v1/audit/access?referralId=${id}`).set(auditor()).expect(200);
      expect(
        log.body.accesses.map((a: { endpoint: string; actor: { sub: string }; purpose: string | null }) => [
          a.endpoint,
          a.actor.sub,
          a.purpose,
        ]),
      ).toEqual([
        // The caseload listed this referral's young person: the list is on its record too.
        ['GET /v1/caseloads/:linkWorkerId', LINK_WORKER, null],
        ['GET /v1/referrals/:id/history', 'aud-1', null],
        ['GET /v1/referrals/:id', LINK_WORKER, 'session preparation'],
      ]);
      await projectionsCaughtUp(api);
      const own = await api.http().get('/v1/audit/access?actor=aud-1').set(auditor()).expect(200);
      expect(own.body.accesses.some((a: { endpoint: string }) => a.endpoint === 'GET /v1/audit/access')).toBe(
        true,
      );
      const caseload = await api
        .http()
        .get(`/v1/audit/access?actor=${LINK_WORKER}`)
        .set(auditor())
        .expect(200);
      expect(
        caseload.body.accesses.some(
          (a: { endpoint: string; linkWorkerId: string }) =>
            a.endpoint === 'GET /v1/caseloads/:linkWorkerId' && a.linkWorkerId === LINK_WORKER,
        ),
      ).toBe(true);
      await api.http().get('/v1/audit/access').set(manager()).expect(403);
    });
  });

  describe('personal data', () => {
    it('is encrypted in the store: no name, date of birth, NHS number, postcode or notes in the raw events', async () => {
      const body = referralBody({ notes: 'Lives with grandmother' });
      await api
        .http()
        .post('/v1/referrals')
        .set(bearer(api.token('referrer', 'gp-1')))
        .send(body)
        .expect(201);
      const rows = await storedRows(api, `referral-${String(body.id)}`);
      expect(rows).toHaveLength(1);
      const raw = JSON.stringify(rows);
      for (const value of [
        'Sam',
        'Taylor',
        '2014-03-02',
        '9434765919',
        'LA1 1AA',
        'Alex Taylor',
        '07700 900123',
        'grandmother',
      ]) {
        expect(raw).not.toContain(value);
      }
      const view = await api
        .http()
        .get(`/v1/referrals/${String(body.id)}`)
        .set(manager())
        .expect(200);
      expect(view.body.youngPerson).toMatchObject({
        givenName: 'Sam',
        familyName: 'Taylor',
        dateOfBirth: '2014-03-02',
      });
    });

    it('erasure destroys the key: the history still replays and verifies, with personal fields shown as [erased]', async () => {
      const id = await referralAt(api, 'active');
      await api
        .http()
        .post(`/v1/referrals/${id}/erasure`)
        .set(manager())
        .send({ reason: 'Referral created in error' })
        .expect(200);
      const history = await api.http().get(`/v1/referrals/${id}/history`).set(auditor()).expect(200);
      expect(history.body.events.map((e: { type: string }) => e.type).at(-1)).toBe('PersonalDataErased');
      expect(history.body.events[0].data.youngPerson).toMatchObject({
        givenName: '[erased]',
        familyName: '[erased]',
        dateOfBirth: '[erased]',
        nhsNumber: '[erased]',
      });
      expect(history.body.events[0].data.reasons).toEqual(['anxiety', 'school_attendance']);
      expect((await api.http().get(`/v1/referrals/${id}/verify`).set(auditor()).expect(200)).body.valid).toBe(
        true,
      );
      await projectionsCaughtUp(api);
      const caseload = await api.http().get(`/v1/caseloads/${LINK_WORKER}`).set(lw()).expect(200);
      const row = caseload.body.referrals.find((r: { referralId: string }) => r.referralId === id);
      expect(row.youngPerson).toMatchObject({ givenName: '[erased]', familyName: '[erased]' });
      const again = await api
        .http()
        .post(`/v1/referrals/${id}/sessions`)
        .set(lw())
        .send({ format: 'group', setting: 'school', durationMinutes: 30, attended: true })
        .expect(410);
      expect(again.body.code).toBe('REFERRAL.ERASED');
    });

    it('a legal hold blocks erasure until it is lifted', async () => {
      const id = await referralAt(api, 'accepted');
      await api
        .http()
        .post(`/v1/referrals/${id}/legal-hold`)
        .set(manager())
        .send({ reason: 'Public inquiry into local services' })
        .expect(200);
      const refused = await api
        .http()
        .post(`/v1/referrals/${id}/erasure`)
        .set(manager())
        .send({ reason: 'Requested' })
        .expect(422);
      expect(refused.body.code).toBe('REFERRAL.LEGAL_HOLD');
      await api
        .http()
        .post(`/v1/referrals/${id}/legal-hold/lift`)
        .set(manager())
        .send({ reason: 'Inquiry closed' })
        .expect(200);
      await api
        .http()
        .post(`/v1/referrals/${id}/erasure`)
        .set(manager())
        .send({ reason: 'Requested' })
        .expect(200);
    });
  });

  describe('retention', () => {
    it('erases closed referrals past the 25th birthday unless a legal hold is in force', async () => {
      const past = (dob: string) =>
        referralBody({
          receivedAt: '2019-01-02T09:00:00Z',
          youngPerson: { givenName: 'Old', familyName: 'Record', dateOfBirth: dob },
        });
      const manage = manager();
      const make = async (body: Record<string, unknown>, hold: boolean) => {
        await api
          .http()
          .post('/v1/referrals')
          .set(bearer(api.token('referrer', 'gp-1')))
          .send(body)
          .expect(201);
        await api
          .http()
          .post(`/v1/referrals/${String(body.id)}/decline`)
          .set(manage)
          .send({ reason: 'Out of area', at: '2019-01-03T09:00:00Z' })
          .expect(200);
        if (hold)
          await api
            .http()
            .post(`/v1/referrals/${String(body.id)}/legal-hold`)
            .set(manage)
            .send({ reason: 'Inquiry' })
            .expect(200);
        return body.id as string;
      };
      const due = await make(past('2000-06-01'), false); // 25 on 2025-06-01
      const held = await make(past('2000-07-01'), true);
      const notDue = await make(past('2004-01-01'), false); // 25 on 2029-01-01
      await projectionsCaughtUp(api);
      const report = await api.app.get(RetentionService).run('2026-11-21');
      expect(report).toMatchObject({ erased: 1, onLegalHold: 1 });
      const name = async (id: string) =>
        (await api.http().get(`/v1/referrals/${id}`).set(manage).expect(200)).body.youngPerson.givenName;
      expect(await name(due)).toBe('[erased]');
      expect(await name(held)).toBe('Old');
      expect(await name(notDue)).toBe('Old');
    });
  });
});
