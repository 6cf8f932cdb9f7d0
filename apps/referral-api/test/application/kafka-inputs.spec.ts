import { inboundReferralId } from '@app/contracts';
import { anActiveReferral, events } from '@app/referral-domain/testing';
import { nativeInboundMessage } from '@app/testing';
import { applicationSpec, kafkaMessage } from '../support/application-spec';

const V1 = { schemaVersion: '1' };

describe('Kafka inputs (application level: given events, when a message, then events or a dead letter)', () => {
  describe('an inbound referral', () => {
    const message = nativeInboundMessage({ messageId: 'msg-0001', sourceSystem: 'school-mis-lancs' });
    const id = inboundReferralId('school-mis-lancs', 'msg-0001');

    it('is received by the same use case as POST /v1/referrals, the partner system as the actor', async () => {
      const spec = await applicationSpec(id);
      const then = await (await spec.given([])).whenMessage(kafkaMessage('referralsInbound', message, V1));
      expect(then.inbound).toMatchObject({ outcome: 'created' });
      expect(then.events).toEqual([
        expect.objectContaining({
          type: 'ReferralReceived',
          data: expect.objectContaining({ referralId: id }),
        }),
      ]);
      await spec.close();
    });

    it('sent again changes nothing; the same ids with other content are dead-lettered', async () => {
      const spec = await applicationSpec(id);
      const when = await spec.given([]);
      await when.whenMessage(kafkaMessage('referralsInbound', message, V1));
      const again = await when.whenMessage(kafkaMessage('referralsInbound', message, V1));
      expect(again).toMatchObject({ events: [], inbound: { outcome: 'duplicate' } });
      const changed = { ...message, referral: { ...(message.referral as object), notes: 'changed' } };
      const other = await when.whenMessage(kafkaMessage('referralsInbound', changed, V1));
      expect(other.inbound).toMatchObject({
        outcome: 'dead_letter',
        reason: { code: 'REFERRAL.ALREADY_EXISTS' },
      });
      expect(other.events).toEqual([]);
      await spec.close();
    });

    it('that breaks a rule is dead-lettered with the rule code, nothing written', async () => {
      const spec = await applicationSpec(inboundReferralId('school-mis-lancs', 'msg-0002'));
      const young = nativeInboundMessage({ messageId: 'msg-0002', sourceSystem: 'school-mis-lancs' });
      (young.referral as { youngPerson: { dateOfBirth: string } }).youngPerson.dateOfBirth = '2024-01-01';
      const then = await (await spec.given([])).whenMessage(kafkaMessage('referralsInbound', young, V1));
      expect(then.inbound).toMatchObject({
        outcome: 'dead_letter',
        reason: { code: 'REFERRAL.AGE_OUT_OF_RANGE' },
      });
      expect(then.events).toEqual([]);
      await spec.close();
    });
  });

  describe('a handoff response', () => {
    const referralId = '2b9c7a4e-1f3d-4e5a-8b6c-7d8e9f0a1b2c';
    const handoffId = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
    const history = [
      ...anActiveReferral(),
      events.consentObtained({ scopes: ['support', 'share_with_camhs'] }),
      events.handoffRequested({ handoffId }),
    ];
    const response = (overrides: Record<string, unknown> = {}) => ({
      messageId: 'camhs-0001',
      sourceSystem: 'camhs-lancs',
      referralId,
      handoffId,
      target: 'camhs',
      outcome: 'acknowledged',
      reference: 'CAMHS-123',
      ...overrides,
    });

    it('from the target service is recorded once, as the HTTP answer would be', async () => {
      const spec = await applicationSpec(referralId);
      const when = await spec.given(history);
      const then = await when.whenMessage(kafkaMessage('handoffResponses', response(), V1));
      expect(then.inbound).toMatchObject({ outcome: 'recorded' });
      expect(then.events).toEqual([
        { type: 'HandoffAcknowledged', data: expect.objectContaining({ handoffId, reference: 'CAMHS-123' }) },
      ]);
      const again = await when.whenMessage(kafkaMessage('handoffResponses', response(), V1));
      expect(again).toMatchObject({ events: [], inbound: { outcome: 'duplicate' } });
      await spec.close();
    });

    it('from another service is dead-lettered: HANDOFF.TARGET_MISMATCH', async () => {
      const spec = await applicationSpec(referralId);
      const then = await (
        await spec.given(history)
      ).whenMessage(kafkaMessage('handoffResponses', response({ target: 'mhst' }), V1));
      expect(then.inbound).toMatchObject({
        outcome: 'dead_letter',
        reason: { code: 'HANDOFF.TARGET_MISMATCH' },
      });
      expect(then.events).toEqual([]);
      await spec.close();
    });
  });
});
