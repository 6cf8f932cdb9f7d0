import { randomUUID } from 'node:crypto';
import { projectionsCaughtUp, Api, bearer, startApi } from './support/api-harness';
import { at } from './support/referral-fixtures';
import { LINK_WORKER, referralAt } from './support/referral-flow';

/** Issue 17, 4: a session or an outcome score recorded wrongly is put right by a correction event. */
describe('Amending sessions and outcome scores', () => {
  let api: Api;
  const lw = () => bearer(api.token('link_worker', LINK_WORKER));
  const post = (path: string, body: Record<string, unknown>) => api.http().post(path).set(lw()).send(body);
  const view = async (id: string) =>
    (
      await api
        .http()
        .get(`/v1/referrals/${id}`)
        .set(bearer(api.token('service_manager', 'sm-1')))
        .expect(200)
    ).body;
  const caseloadRow = async (id: string) => {
    await projectionsCaughtUp(api);
    const res = await api.http().get(`/v1/caseloads/${LINK_WORKER}`).set(lw()).expect(200);
    return (res.body.referrals as { referralId: string; sessionsAttended: number }[]).find(
      (r) => r.referralId === id,
    )!;
  };

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('amends a session: the history shows the correction beside the original, the caseload follows it', async () => {
    const id = await referralAt(api, 'active');
    const held = await post(`/v1/referrals/${id}/sessions`, {
      format: 'one_to_one',
      setting: 'school',
      durationMinutes: 30,
      attended: true,
      at: at(4),
    }).expect(200);
    const sessionId = held.body.sessionId as string;
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await caseloadRow(id)).sessionsAttended).toBe(1);

    await post(`/v1/referrals/${id}/sessions/${sessionId}/amendment`, {
      changes: { attended: false, durationMinutes: 45 },
      reason: 'The young person did not come; recorded by mistake',
    }).expect(200);
    expect((await view(id)).sessions.items[0]).toMatchObject({
      sessionId,
      attended: false,
      durationMinutes: 45,
    });
    expect((await caseloadRow(id)).sessionsAttended).toBe(0);
    const history = await api
      .http()
      .get(`/v1/referrals/${id}/history`)
      .set(bearer(api.token('auditor', 'aud-1')))
      .expect(200);
    const amended = (history.body.events as { type: string; data: Record<string, unknown> }[]).at(-1)!;
    expect(amended).toMatchObject({
      type: 'SessionAmended',
      data: {
        sessionId,
        corrects: 'SessionHeld',
        changes: { attended: false, durationMinutes: 45 },
        previous: { attended: true, durationMinutes: 30 },
      },
    });
  });

  it('amends and voids an outcome score; a voided one cannot be amended', async () => {
    const id = await referralAt(api, 'active');
    const recorded = await post(`/v1/referrals/${id}/outcomes`, {
      measure: 'SWEMWBS',
      rater: 'young_person',
      score: 12,
    }).expect(200);
    const outcomeId = recorded.body.outcomeId as string;
    await post(`/v1/referrals/${id}/outcomes/${outcomeId}/amendment`, {
      score: 21,
      reason: 'Digits swapped',
    }).expect(200);
    expect((await view(id)).outcomes[0]).toMatchObject({ outcomeId, score: 21 });
    const outOfRange = await post(`/v1/referrals/${id}/outcomes/${outcomeId}/amendment`, {
      score: 99,
      reason: 'x',
    }).expect(422);
    expect(outOfRange.body.code).toBe('REFERRAL.SCORE_OUT_OF_RANGE');
    await post(`/v1/referrals/${id}/outcomes/${outcomeId}/void`, { reason: 'Wrong young person' }).expect(
      200,
    );
    expect((await view(id)).outcomes[0]).toMatchObject({ outcomeId, voided: true });
    const again = await post(`/v1/referrals/${id}/outcomes/${outcomeId}/amendment`, {
      score: 20,
      reason: 'x',
    }).expect(422);
    expect(again.body.code).toBe('REFERRAL.OUTCOME_VOIDED');
  });

  it('refuses an unknown session or outcome, an empty change and a malformed id, with clear errors', async () => {
    const id = await referralAt(api, 'active');
    const session = await post(`/v1/referrals/${id}/sessions/${randomUUID()}/amendment`, {
      changes: { attended: false },
      reason: 'x',
    }).expect(422);
    expect(session.body.code).toBe('REFERRAL.SESSION_NOT_FOUND');
    const outcome = await post(`/v1/referrals/${id}/outcomes/${randomUUID()}/void`, { reason: 'x' }).expect(
      422,
    );
    expect(outcome.body.code).toBe('REFERRAL.OUTCOME_NOT_FOUND');
    const empty = await post(`/v1/referrals/${id}/sessions/${randomUUID()}/amendment`, {
      changes: {},
      reason: 'x',
    }).expect(400);
    expect(JSON.stringify(empty.body)).toMatch(/changes must give at least one of/);
    const malformed = await post(`/v1/referrals/${id}/outcomes/not-an-id/void`, { reason: 'x' }).expect(400);
    expect(JSON.stringify(malformed.body)).toMatch(/outcomeId/);
  });
});
