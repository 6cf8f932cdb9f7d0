import { DLQ_HEADERS, PARTNER_ID_HEADER, inboundReferralId } from '@app/contracts';
import { describeWithKafka, eventually, nativeInboundMessage, recordTopics, signedAs } from '@app/testing';
import { bearer } from './support/api-harness';
import type { KafkaApi } from './support/kafka-harness';
import { startApiWithKafka } from './support/kafka-harness';
import { LINK_WORKER, referralAt } from './support/referral-flow';
import { at } from './support/referral-fixtures';

/**
 * Security review, finding 1 (over Kafka) and 4: the sender of a message is the partner whose signature
 * it carries, never the `sourceSystem` its payload names; a handoff is answered only by the partner it
 * was sent to; referral ids derived from messages cannot be taken first over HTTP.
 */
describeWithKafka('Kafka partners: identity from signatures, handoffs answered by their partner', () => {
  let k: KafkaApi;
  beforeAll(async () => {
    k = await startApiWithKafka('partners');
  }, 60_000);
  afterAll(() => k?.close());

  const manager = () => bearer(k.api.token('service_manager', 'sm-1'));

  async function camhsHandoff(): Promise<{ id: string; handoffId: string }> {
    const id = await referralAt(k.api, 'active');
    const res = await k.api
      .http()
      .post(`/v1/referrals/${id}/handoffs`)
      .set(bearer(k.api.token('link_worker', LINK_WORKER)))
      .send({ target: 'camhs', reason: 'Panic attacks most days', urgency: 'urgent', at: at(5) })
      .expect(202);
    return { id, handoffId: res.body.handoffId as string };
  }

  const answer = (id: string, handoffId: string, messageId: string, sourceSystem: string) => ({
    messageId,
    sourceSystem,
    referralId: id,
    handoffId,
    target: 'camhs',
    outcome: 'rejected',
    reason: 'Not for us',
  });

  it('dead-letters, with the reason, answers not signed by the partner the handoff was sent to', async () => {
    const dlq = recordTopics(k.messaging, [k.topics.handoffResponsesDlq]);
    try {
      const { id, handoffId } = await camhsHandoff();
      const topic = k.topics.handoffResponses;
      // The GP system names itself and signs correctly, but CAMHS handoffs are not its to answer.
      await k.send(topic, answer(id, handoffId, 'gp-1', 'gp-lancaster'), 'gp-answers', 'gp');
      // A school system claims in the payload to be CAMHS.
      await k.send(topic, answer(id, handoffId, 'school-1', 'camhs-north'), 'claims-camhs', 'school');
      // Unsigned, naming CAMHS.
      await k.send(topic, answer(id, handoffId, 'anon-1', 'camhs-north'), 'unsigned', 'unsigned');
      // Headers naming CAMHS over the school's signature.
      const forged = {
        topic,
        key: 'forged',
        value: JSON.stringify(answer(id, handoffId, 'f-1', 'camhs-north')),
      };
      const headers = { ...signedAs('school', forged), [PARTNER_ID_HEADER]: 'camhs-north' };
      await k.partner.publish([{ ...forged, headers }]);

      const letters = await dlq.waitFor((m) => m.length >= 4, 30_000, 'four dead letters');
      const reasons = Object.fromEntries(
        letters.map((m) => [m.key?.toString(), m.headers[DLQ_HEADERS.reasonCode]]),
      );
      expect(reasons).toEqual({
        'gp-answers': 'HANDOFF.WRONG_PARTNER',
        'claims-camhs': 'MESSAGE.SOURCE_SYSTEM_MISMATCH',
        unsigned: 'MESSAGE.UNSIGNED',
        forged: 'MESSAGE.SIGNATURE_INVALID',
      });
      const referral = await k.api.http().get(`/v1/referrals/${id}`).set(manager()).expect(200);
      expect(referral.body.handoffs[0].status).toBe('requested');

      // CAMHS itself answers: recorded, with CAMHS as the actor.
      await k.send(topic, answer(id, handoffId, 'camhs-1', 'camhs-north'), 'camhs', 'camhs');
      const history = await eventually(
        async () => {
          const h = await k.api.http().get(`/v1/referrals/${id}/history`).set(manager()).expect(200);
          const rejected = h.body.events.find((e: { type: string }) => e.type === 'HandoffRejected');
          expect(rejected).toBeDefined();
          return rejected as { metadata: Record<string, unknown> };
        },
        20_000,
        100,
      );
      expect(history.metadata).toMatchObject({ actor: { sub: 'camhs-north', roles: ['integration'] } });
    } finally {
      await dlq.stop();
    }
  }, 60_000);

  it('binds a referral to the signing partner organisation, and never lets an HTTP caller take a derived id first', async () => {
    const dlq = recordTopics(k.messaging, [k.topics.referralsInboundDlq]);
    try {
      const genuine = nativeInboundMessage({ sourceSystem: 'gp-lancaster' });
      const referral = genuine.referral as { source: Record<string, unknown>; receivedAt?: string };
      referral.source = { kind: 'gp' };
      delete referral.receivedAt;
      const id = inboundReferralId('gp-lancaster', String(genuine.messageId));
      // A referrer who guessed the derived id tries to create it first.
      const squat = await k.api
        .http()
        .post('/v1/referrals')
        .set(bearer(k.api.token('referrer', 'ref-squatter')))
        .send({ ...(nativeInboundMessage().referral as object), id });
      expect(squat.status).toBe(400);
      expect(squat.body.errors).toEqual([{ field: 'id', message: expect.stringMatching(/version 4/) }]);

      const elsewhere = nativeInboundMessage({ sourceSystem: 'gp-lancaster' });
      (elsewhere.referral as { source: object }).source = { kind: 'gp', organisationCode: 'B99999' };
      await k.send(k.topics.referralsInbound, elsewhere, 'other-org', 'gp');
      await k.send(k.topics.referralsInbound, genuine, 'genuine', 'gp');

      const stored = await eventually(
        async () => (await k.api.http().get(`/v1/referrals/${id}`).set(manager()).expect(200)).body,
        20_000,
        100,
      );
      expect(stored.source).toMatchObject({ kind: 'gp', organisationCode: 'A81002' });
      const letters = await dlq.waitFor((m) => m.length >= 1, 30_000, 'a dead letter');
      expect(letters[0]!.key?.toString()).toBe('other-org');
      expect(letters[0]!.headers[DLQ_HEADERS.reasonCode]).toBe('REFERRAL.ORGANISATION_MISMATCH');
    } finally {
      await dlq.stop();
    }
  }, 60_000);
});
