import type { Actor } from '@app/application';
import { ERASED } from '@app/referral-domain';
import { aReceivedReferral, anActiveReferral, anEndedReferral, events } from '@app/referral-domain/testing';
import { referralBody } from '../support/referral-fixtures';
import { NOW, applicationSpec } from '../support/application-spec';

const ID = '6a1f0f4e-8d0a-4c55-9a57-0e1f3c2b7d10';
const ADA: Actor = { sub: 'lw-ada', roles: ['link_worker'] };
const BO: Actor = { sub: 'lw-bo', roles: ['link_worker'] };
const MANAGER: Actor = { sub: 'sm-1', roles: ['service_manager'] };
const REFERRER: Actor = { sub: 'ref-1', roles: ['referrer'] };

type Spec = Awaited<ReturnType<typeof applicationSpec>>;

describe('Referral commands over HTTP (application level: given events, when a request, then events or a problem)', () => {
  let spec: Spec;
  beforeEach(async () => {
    spec = await applicationSpec(ID);
  });
  afterEach(() => spec.close());

  describe('receiving a referral', () => {
    const body = referralBody({ id: ID });

    it('creates it: ReferralReceived, 201', async () => {
      const then = await (await spec.given([])).whenHttp({ command: 'receiveReferral', body, as: REFERRER });
      expect(then.response).toEqual({ status: 201, body: { id: ID, version: 1, status: 'received' } });
      expect(then.events).toEqual([
        expect.objectContaining({
          type: 'ReferralReceived',
          data: expect.objectContaining({ referralId: ID, receivedAt: '2026-09-01T09:00:00.000Z' }),
        }),
      ]);
    });

    it('answers the same request again with 200 and no new event', async () => {
      const when = await spec.given([]);
      await when.whenHttp({ command: 'receiveReferral', body, as: REFERRER });
      const again = await when.whenHttp({ command: 'receiveReferral', body, as: REFERRER });
      expect(again.response).toEqual({ status: 200, body: { id: ID, version: 1, status: 'received' } });
      expect(again.events).toEqual([]);
    });

    it('refuses another body with the same id: 409 REFERRAL.ALREADY_EXISTS', async () => {
      const when = await spec.given([]);
      await when.whenHttp({ command: 'receiveReferral', body, as: REFERRER });
      const other = await when.whenHttp({
        command: 'receiveReferral',
        body: { ...body, notes: 'another referral' },
        as: REFERRER,
      });
      expect(other.problem).toMatchObject({ status: 409, code: 'REFERRAL.ALREADY_EXISTS' });
      expect(other.events).toEqual([]);
    });

    it('names an unknown field: 400, nothing written', async () => {
      const then = await (
        await spec.given([])
      ).whenHttp({
        command: 'receiveReferral',
        body: { ...body, favouriteColour: 'blue' },
        as: REFERRER,
      });
      expect(then.problem).toMatchObject({ status: 400, errors: [{ field: 'favouriteColour' }] });
      expect(then.events).toEqual([]);
    });
  });

  describe('triage', () => {
    it('a link worker accepts a referral awaiting triage to themselves', async () => {
      const then = await (
        await spec.given(aReceivedReferral())
      ).whenHttp({ command: 'acceptReferral', body: { linkWorkerId: 'lw-ada' }, as: ADA });
      expect(then.response).toEqual({ status: 200, body: { id: ID, version: 2, status: 'accepted' } });
      expect(then.events).toEqual([
        { type: 'ReferralAccepted', data: expect.objectContaining({ linkWorkerId: 'lw-ada', at: NOW }) },
      ]);
    });

    it('a link worker may not accept to someone else: 403, nothing written', async () => {
      const then = await (
        await spec.given(aReceivedReferral())
      ).whenHttp({ command: 'acceptReferral', body: { linkWorkerId: 'lw-bo' }, as: ADA });
      expect(then.problem).toMatchObject({ status: 403 });
      expect(then.events).toEqual([]);
    });

    it('a stale If-Match is 412 HTTP.STALE_VERSION', async () => {
      const then = await (
        await spec.given(aReceivedReferral())
      ).whenHttp({ command: 'acceptReferral', body: { linkWorkerId: 'lw-ada' }, as: ADA, ifMatch: 3 });
      expect(then.problem).toMatchObject({ status: 412, code: 'HTTP.STALE_VERSION' });
      expect(then.events).toEqual([]);
    });

    it('a path parameter that is not a UUID is 400 naming it', async () => {
      const then = await (
        await spec.given(anActiveReferral())
      ).whenHttp({ command: 'recordGoalScore', params: { goalId: 'g-1' }, body: { score: 4 }, as: ADA });
      expect(then.problem).toMatchObject({ status: 400, detail: 'goalId must be a UUID' });
    });
  });

  describe('care', () => {
    it('the assigned link worker records a session', async () => {
      const session = { format: 'one_to_one', setting: 'school', durationMinutes: 45, attended: true };
      const then = await (
        await spec.given(anActiveReferral())
      ).whenHttp({ command: 'holdSession', body: session, as: ADA });
      expect(then.events).toEqual([
        { type: 'SessionHeld', data: expect.objectContaining({ ...session, activities: [] }) },
      ]);
    });

    it('another link worker may not: 403', async () => {
      const session = { format: 'one_to_one', setting: 'school', durationMinutes: 45, attended: true };
      const then = await (
        await spec.given(anActiveReferral())
      ).whenHttp({ command: 'holdSession', body: session, as: BO });
      expect(then.problem).toMatchObject({ status: 403 });
      expect(then.events).toEqual([]);
    });

    it('a handoff request is 202 with the new handoff id', async () => {
      const then = await (
        await spec.given([
          ...anActiveReferral(),
          events.consentObtained({ scopes: ['support', 'share_with_camhs'] }),
        ])
      ).whenHttp({
        command: 'requestHandoff',
        body: { target: 'camhs', reason: 'Low mood', urgency: 'routine' },
        as: ADA,
      });
      expect(then.response).toMatchObject({ status: 202, body: { id: ID, status: 'requested', version: 5 } });
      const handoffId = then.response?.body.handoffId;
      expect(then.events).toEqual([
        { type: 'HandoffRequested', data: expect.objectContaining({ handoffId, target: 'camhs' }) },
      ]);
    });

    it('a broken rule is 422 with its code: no handoff to CAMHS without consent to share', async () => {
      const then = await (
        await spec.given(anActiveReferral())
      ).whenHttp({
        command: 'requestHandoff',
        body: { target: 'camhs', reason: 'Low mood', urgency: 'routine' },
        as: ADA,
      });
      expect(then.problem).toMatchObject({ status: 422, code: expect.stringMatching(/^REFERRAL\./) });
      expect(then.events).toEqual([]);
    });
  });

  describe('records management', () => {
    it('an erasure is recorded, then the personal data reads as erased', async () => {
      const when = await spec.given(anEndedReferral());
      const then = await when.whenHttp({
        command: 'erasePersonalData',
        body: { reason: 'Created in error' },
        as: MANAGER,
      });
      expect(then.events).toEqual([expect.objectContaining({ type: 'PersonalDataErased' })]);
      const [received] = await when.history();
      expect(received?.data).toMatchObject({ youngPerson: { givenName: ERASED, dateOfBirth: ERASED } });
      const after = await when.whenHttp({ command: 'endReferral', body: { reason: 'other' }, as: ADA });
      expect(after.problem).toMatchObject({ status: 410, code: 'REFERRAL.ERASED' });
    });

    it('a link worker may not erase: 403', async () => {
      const then = await (
        await spec.given(anEndedReferral())
      ).whenHttp({ command: 'erasePersonalData', body: { reason: 'Created in error' }, as: ADA });
      expect(then.problem).toMatchObject({ status: 403 });
    });
  });

  it('unknown referral: 404', async () => {
    const then = await (
      await spec.given([])
    ).whenHttp({ command: 'endReferral', body: { reason: 'other' }, as: MANAGER });
    expect(then.problem).toMatchObject({ status: 404, code: 'REFERRAL.NOT_FOUND' });
  });
});
