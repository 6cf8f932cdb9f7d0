import { HEADERS } from '@app/contracts';
import { describeWithKafka, eventually, fhirIssues, recordTopics } from '@app/testing';
import { bearer } from './support/api-harness';
import { LINK_WORKER, referralAt } from './support/referral-flow';
import type { KafkaApi } from './support/kafka-harness';
import { startApiWithKafka } from './support/kafka-harness';

type Resource = Record<string, unknown>;
const resources = (bundle: Resource) =>
  Object.fromEntries(
    (bundle.entry as { resource: Resource }[]).map((e) => [String(e.resource.resourceType), e.resource]),
  );

/** Issue 18, 3: handoffs as FHIR message Bundles for targets configured for FHIR, status changes as Task updates. */
describeWithKafka('Kafka outbound in FHIR R4', () => {
  let k: KafkaApi;
  beforeAll(async () => {
    k = await startApiWithKafka('fhir-out', undefined, undefined, {
      HANDOFF_FORMATS: 'camhs=both,school=fhir-r4',
    });
  }, 60_000);
  afterAll(() => k?.close());

  const lw = () => bearer(k.api.token('link_worker', LINK_WORKER));
  const relayCaughtUp = () =>
    eventually(async () => expect((await k.integration()).relay.eventsBehind).toBe(0), 20_000, 50);

  it('sends a CAMHS handoff as native JSON and as a valid FHIR Bundle, and the answer as a Task update', async () => {
    const fhir = recordTopics(k.messaging, [k.topics.handoffsFhir.camhs, k.topics.handoffsFhir.school]);
    const native = recordTopics(k.messaging, [k.topics.handoffs.camhs, k.topics.handoffs.school]);
    try {
      const id = await referralAt(k.api, 'active');
      const handoff = await k.api
        .http()
        .post(`/v1/referrals/${id}/handoffs`)
        .set(lw())
        .send({ target: 'camhs', reason: 'Panic attacks most days', urgency: 'urgent' })
        .expect(202);
      const camhs = bearer(k.api.token('integration', 'camhs-north', { partner: 'camhs-north' }));
      await k.api
        .http()
        .post(`/v1/referrals/${id}/handoffs/${String(handoff.body.handoffId)}/acknowledge`)
        .set(camhs)
        .send({ reference: 'CAMHS-77' })
        .expect(200);
      await relayCaughtUp();
      const sent = await fhir.waitFor((m) => m.length >= 2, 20_000, 'the FHIR handoff and its Task update');
      const [request, update] = sent.map((m) => ({ m, bundle: JSON.parse(m.value!.toString()) as Resource }));
      expect(request!.m.topic).toBe(k.topics.handoffsFhir.camhs);
      expect(request!.m.key!.toString()).toBe(id);
      expect(request!.m.headers[HEADERS.contentType]).toBe('application/fhir+json');
      expect(fhirIssues(request!.bundle)).toEqual([]);
      expect(resources(request!.bundle).ServiceRequest).toMatchObject({
        identifier: [{ value: handoff.body.handoffId }, { value: id }],
        priority: 'urgent',
      });
      expect(fhirIssues(update!.bundle)).toEqual([]);
      expect(resources(update!.bundle).Task).toMatchObject({
        status: 'accepted',
        identifier: [{ value: handoff.body.handoffId }, { value: 'CAMHS-77' }],
      });
      // The native message went out as before, with the same eventId as the FHIR one.
      const [nativeMessage] = await native.waitFor((m) => m.length >= 1, 20_000, 'the native handoff');
      expect(nativeMessage!.headers[HEADERS.eventId]).toBe(request!.m.headers[HEADERS.eventId]);
    } finally {
      await Promise.all([fhir.stop(), native.stop()]);
    }
  }, 60_000);
});
