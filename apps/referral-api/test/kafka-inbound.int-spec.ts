import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DLQ_HEADERS, inboundReferralId } from '@app/contracts';
import {
  describeWithKafka,
  eventually,
  fhirInboundMessage,
  fhirMessageBundle,
  nativeInboundMessage,
  recordTopics,
} from '@app/testing';
import { bearer } from './support/api-harness';
import { LINK_WORKER, referralAt } from './support/referral-flow';
import { at } from './support/referral-fixtures';
import type { KafkaApi } from './support/kafka-harness';
import { startApiWithKafka } from './support/kafka-harness';

describeWithKafka('Kafka inbound: partner systems send referrals and handoff answers', () => {
  let k: KafkaApi;
  beforeAll(async () => {
    k = await startApiWithKafka('inbound');
  }, 60_000);
  afterAll(() => k?.close());

  const manager = () => bearer(k.api.token('service_manager', 'sm-1'));
  const readReferral = (id: string) =>
    eventually(
      async () => {
        const res = await k.api.http().get(`/v1/referrals/${id}`).set(manager());
        expect(res.status).toBe(200);
        return res.body as Record<string, unknown>;
      },
      20_000,
      100,
    );

  it('turns a native referral into a referral readable over the API, and lets the sending system read its status', async () => {
    const message = nativeInboundMessage();
    await k.send(k.topics.referralsInbound, message, String(message.messageId), 'school');
    const id = inboundReferralId(String(message.sourceSystem), String(message.messageId));
    const referral = await readReferral(id);
    expect(referral).toMatchObject({
      id,
      status: 'received',
      receivedAt: '2026-09-01T09:00:00.000Z',
      source: { kind: 'school', organisationCode: 'A81001' },
      youngPerson: { givenName: 'Sam', familyName: 'Taylor', nhsNumber: '9434765919' },
      reasons: ['anxiety', 'school_attendance'],
    });
    const asSender = await k.api
      .http()
      .get(`/v1/referrals/${id}`)
      .set(bearer(k.api.token('integration', String(message.sourceSystem))));
    expect(asSender.status).toBe(200);
    expect(asSender.body).toMatchObject({ id, status: 'received' });
  }, 30_000);

  it('turns a FHIR R4 ServiceRequest and Patient into a referral readable over the API', async () => {
    const message = fhirInboundMessage();
    await k.send(k.topics.referralsInbound, message);
    const referral = await readReferral(
      inboundReferralId(String(message.sourceSystem), String(message.messageId)),
    );
    expect(referral).toMatchObject({
      status: 'received',
      source: { kind: 'gp', organisationCode: 'A81001' },
      urgency: 'urgent',
      pcnCode: 'U23456',
      youngPerson: {
        givenName: 'Jordan',
        familyName: 'Okafor',
        dateOfBirth: '2012-05-14',
        nhsNumber: '9434765919',
      },
      parentCarer: { name: 'Chidi Okafor', relationship: 'father' },
      reasons: ['low_mood', 'social_isolation', 'other'],
    });
  }, 30_000);

  it('answers every inbound message on referrals.status.v1: a FHIR message Bundle received, a broken one rejected with what to fix', async () => {
    const status = recordTopics(k.messaging, [k.topics.referralStatus]);
    try {
      const bundle = fhirMessageBundle();
      const broken = fhirMessageBundle((r) => {
        r.ServiceRequest!.code = { coding: [{ system: 'http://snomed.info/sct', code: '168537006' }] };
      });
      await k.send(k.topics.referralsInbound, bundle, String(bundle.id), 'gp');
      await k.send(k.topics.referralsInbound, broken, String(broken.id), 'gp');
      const id = inboundReferralId('gp-lancaster', String(bundle.id));
      const answers = await status.waitFor(
        (m) =>
          m.filter((x) =>
            [bundle.id, broken.id].includes(JSON.parse(x.value!.toString()).inReplyTo?.messageId),
          ).length >= 2,
        30_000,
        'two answers',
      );
      const answerTo = (messageId: unknown) => {
        const found = answers.find(
          (x) => JSON.parse(x.value!.toString()).inReplyTo?.messageId === messageId,
        )!;
        return {
          headers: found.headers,
          key: found.key?.toString(),
          body: JSON.parse(found.value!.toString()),
        };
      };
      const received = answerTo(bundle.id);
      expect(received.headers.messageType).toBe('IntakeReceived');
      expect(received.key).toBe(id);
      expect(received.body).toMatchObject({
        status: 'received',
        referralId: id,
        alreadyReceived: false,
        inReplyTo: { topic: k.topics.referralsInbound, sourceSystem: 'gp-lancaster', messageId: bundle.id },
      });
      const rejected = answerTo(broken.id);
      expect(rejected.headers.messageType).toBe('IntakeRejected');
      expect(rejected.body).toMatchObject({
        status: 'rejected',
        rejection: {
          code: 'MESSAGE.INVALID',
          issues: [
            { path: 'ServiceRequest.code', message: expect.stringContaining('social prescribing referral') },
          ],
        },
      });
      const referral = await readReferral(id);
      expect(referral).toMatchObject({
        pcnCode: 'U34567',
        reasons: ['anxiety', 'other', 'social_isolation'],
      });
    } finally {
      await status.stop();
    }
  }, 40_000);

  it('makes one referral of the same message sent three times', async () => {
    const before = (await k.integration()).gateway!;
    const message = nativeInboundMessage();
    for (let i = 0; i < 3; i++) await k.send(k.topics.referralsInbound, message);
    await eventually(
      async () => expect((await k.integration()).gateway!.handled).toBeGreaterThanOrEqual(before.handled + 3),
      20_000,
      100,
    );
    const id = inboundReferralId(String(message.sourceSystem), String(message.messageId));
    const history = await k.api.http().get(`/v1/referrals/${id}/history`).set(manager()).expect(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['ReferralReceived']);
    const after = (await k.integration()).gateway!;
    expect(after.created - before.created).toBe(1);
    expect(after.duplicates - before.duplicates).toBe(2);
    expect(after.deadLettered).toBe(before.deadLettered);
  }, 30_000);

  it('records a partner acknowledgement sent on handoffs.responses.v1, once even if the answer is resent', async () => {
    const id = await referralAt(k.api, 'active');
    const lw = bearer(k.api.token('link_worker', LINK_WORKER));
    const handoff = await k.api
      .http()
      .post(`/v1/referrals/${id}/handoffs`)
      .set(lw)
      .send({ target: 'camhs', reason: 'Panic attacks most days', urgency: 'urgent', at: at(5) })
      .expect(202);
    const answer = {
      messageId: 'camhs-answer-1',
      sourceSystem: 'camhs-north',
      referralId: id,
      handoffId: handoff.body.handoffId,
      target: 'camhs',
      outcome: 'acknowledged',
      reference: 'CAMHS-77',
      at: at(6),
    };
    await k.send(k.topics.handoffResponses, answer, id, 'camhs');
    await k.send(k.topics.handoffResponses, answer, id, 'camhs');
    await eventually(
      async () => {
        const referral = (await k.api.http().get(`/v1/referrals/${id}`).set(manager()).expect(200)).body;
        expect(referral.handoffs).toEqual([
          expect.objectContaining({
            handoffId: handoff.body.handoffId,
            status: 'acknowledged',
            reference: 'CAMHS-77',
            answeredAt: new Date(at(6)).toISOString(),
          }),
        ]);
      },
      20_000,
      100,
    );
    await eventually(
      async () => expect((await k.integration()).gateway!.duplicates).toBeGreaterThanOrEqual(1),
      20_000,
      100,
    );
    const history = await k.api.http().get(`/v1/referrals/${id}/history`).set(manager()).expect(200);
    const answers = history.body.events.filter((e: { type: string }) => e.type === 'HandoffAcknowledged');
    expect(answers).toHaveLength(1);
    expect(answers[0].metadata).toMatchObject({
      actor: { sub: 'camhs-north', roles: ['integration'] },
      messageId: 'camhs-answer-1',
      channel: 'kafka',
    });
  }, 40_000);

  it('dead-letters a malformed message and rule-breaking ones unchanged, with the reason and where they came from', async () => {
    const inbound = recordTopics(k.messaging, [k.topics.referralsInbound, k.topics.handoffResponses]);
    const dlq = recordTopics(k.messaging, [k.topics.referralsInboundDlq, k.topics.handoffResponsesDlq]);
    try {
      const malformed = '{"messageId": "broken-1", "format": "native", ';
      const tooOld = nativeInboundMessage();
      (tooOld.referral as { youngPerson: { dateOfBirth: string } }).youngPerson.dateOfBirth = '2001-01-01';
      const first = nativeInboundMessage();
      const changed = {
        ...first,
        referral: { ...(first.referral as object), notes: 'Sent again with other content' },
      };
      const id = await referralAt(k.api, 'active');
      const handoff = await k.api
        .http()
        .post(`/v1/referrals/${id}/handoffs`)
        .set(bearer(k.api.token('link_worker', LINK_WORKER)))
        .send({ target: 'camhs', reason: 'Panic attacks', urgency: 'urgent', at: at(5) })
        .expect(202);
      const answer = {
        messageId: 'school-answer-9',
        sourceSystem: 'school-mis',
        referralId: id,
        target: 'school',
        outcome: 'rejected',
        reason: 'Not ours',
      };

      await k.send(k.topics.referralsInbound, malformed, 'broken-1');
      await k.send(k.topics.referralsInbound, tooOld, 'too-old');
      // One key, one partition: the changed resend is handled after the first.
      await k.send(k.topics.referralsInbound, first, 'resent');
      await k.send(k.topics.referralsInbound, changed, 'resent');
      await k.send(
        k.topics.handoffResponses,
        { ...answer, handoffId: '0b9d7a1e-5a59-4c7e-9d3f-1d2c3b4a5f60' },
        'unknown-handoff',
      );
      await k.send(
        k.topics.handoffResponses,
        { ...answer, messageId: 'school-answer-10', handoffId: handoff.body.handoffId },
        'wrong-service',
      );

      // Other tests dead-letter on these topics too: only this test's keys count.
      const keys = ['broken-1', 'resent', 'too-old', 'unknown-handoff', 'wrong-service'];
      const ours = <M extends { key: Buffer | null }>(m: M[]) =>
        m.filter((x) => keys.includes(String(x.key)));
      const letters = ours(await dlq.waitFor((m) => ours(m).length >= 5, 30_000, 'five dead letters'));
      const byKey = new Map(letters.map((m) => [m.key?.toString(), m]));
      expect([...byKey.keys()].sort()).toEqual([
        'broken-1',
        'resent',
        'too-old',
        'unknown-handoff',
        'wrong-service',
      ]);
      expect(byKey.get('broken-1')!.headers).toMatchObject({
        [DLQ_HEADERS.reasonCode]: 'MESSAGE.UNPARSEABLE',
        [DLQ_HEADERS.originalTopic]: k.topics.referralsInbound,
        [DLQ_HEADERS.consumerGroup]: `${k.prefix}integration-gateway.inbound`,
      });
      expect(byKey.get('broken-1')!.value!.toString()).toBe(malformed);
      expect(byKey.get('too-old')!.headers[DLQ_HEADERS.reasonCode]).toBe('REFERRAL.AGE_OUT_OF_RANGE');
      expect(byKey.get('too-old')!.headers[DLQ_HEADERS.reason]).toMatch(/ages 5 to 19/);
      expect(JSON.parse(byKey.get('too-old')!.value!.toString())).toEqual(tooOld);
      expect(byKey.get('resent')!.headers[DLQ_HEADERS.reasonCode]).toBe('REFERRAL.ALREADY_EXISTS');
      expect(JSON.parse(byKey.get('resent')!.value!.toString())).toEqual(changed);
      expect(byKey.get('unknown-handoff')!.headers).toMatchObject({
        [DLQ_HEADERS.reasonCode]: 'REFERRAL.HANDOFF_NOT_FOUND',
        [DLQ_HEADERS.originalTopic]: k.topics.handoffResponses,
      });
      expect(byKey.get('unknown-handoff')!.topic).toBe(k.topics.handoffResponsesDlq);
      expect(byKey.get('wrong-service')!.headers[DLQ_HEADERS.reasonCode]).toBe('HANDOFF.TARGET_MISMATCH');

      // The original partition and offset point at the message as it was sent.
      const originals = await inbound.waitFor((m) => m.some((x) => x.key?.toString() === 'too-old'), 20_000);
      const original = originals.find((x) => x.key?.toString() === 'too-old')!;
      expect(byKey.get('too-old')!.headers).toMatchObject({
        [DLQ_HEADERS.originalPartition]: String(original.partition),
        [DLQ_HEADERS.originalOffset]: original.offset,
      });
      // Nothing a dead letter carried was applied.
      expect(
        await k.api
          .http()
          .get(`/v1/referrals/${inboundReferralId(String(tooOld.sourceSystem), String(tooOld.messageId))}`)
          .set(manager()),
      ).toMatchObject({ status: 404 });
      const firstHistory = await k.api
        .http()
        .get(
          `/v1/referrals/${inboundReferralId(String(first.sourceSystem), String(first.messageId))}/history`,
        )
        .set(manager())
        .expect(200);
      expect(firstHistory.body.events).toHaveLength(1);
      expect(
        (await k.api.http().get(`/v1/referrals/${id}`).set(manager()).expect(200)).body.handoffs[0].status,
      ).toBe('requested');
    } finally {
      await Promise.all([inbound.stop(), dlq.stop()]);
    }
  }, 60_000);

  it('retries a message while the event store is locked, never dead-letters it, shows it in /metrics, and applies it once the store is back', async () => {
    const metricsText = async () => (await k.api.http().get('/metrics').expect(200)).text;
    const message = nativeInboundMessage({ messageId: `while-locked-${Date.now()}` });
    const id = inboundReferralId(String(message.sourceSystem), String(message.messageId));
    const before = (await k.integration()).gateway!;
    // Another connection holds SQLite's write lock: every append times out as unavailable.
    const blocker = new Database(join(k.api.config.dataDir, 'events.sqlite'));
    blocker.exec('BEGIN IMMEDIATE');
    try {
      await k.send(k.topics.referralsInbound, message, String(message.messageId));
      await eventually(
        async () => expect(await metricsText()).toMatch(/^integration_gateway_retrying 1$/m),
        40_000,
        250,
      );
      expect((await k.integration()).gateway).toMatchObject({
        state: 'retrying',
        deadLettered: before.deadLettered,
      });
    } finally {
      blocker.exec('ROLLBACK');
      blocker.close();
    }
    expect(await readReferral(id)).toMatchObject({ id, status: 'received' });
    await eventually(
      async () => expect(await metricsText()).toMatch(/^integration_gateway_retrying 0$/m),
      20_000,
      250,
    );
    expect((await k.integration()).gateway).toMatchObject({
      state: 'running',
      created: before.created + 1,
      deadLettered: before.deadLettered,
    });
  }, 90_000);
});
