import { HEADERS, inboundReferralId } from '@app/contracts';
import {
  describeWithKafka,
  eventually,
  nativeInboundMessage,
  recordTopics,
  uniqueKafkaPrefix,
} from '@app/testing';
import { bearer, startApi } from './support/api-harness';
import { LINK_WORKER, referralAt } from './support/referral-flow';
import { at, referralBody } from './support/referral-fixtures';
import type { KafkaApi } from './support/kafka-harness';
import { startApiWithKafka } from './support/kafka-harness';

const json = (value: Buffer | null) => JSON.parse(value!.toString()) as Record<string, unknown>;

describeWithKafka('Kafka outbound: the relay publishes from the event store', () => {
  let k: KafkaApi;
  beforeAll(async () => {
    k = await startApiWithKafka('outbound');
  }, 60_000);
  afterAll(() => k?.close());

  const lw = () => bearer(k.api.token('link_worker', LINK_WORKER));
  const manager = () => bearer(k.api.token('service_manager', 'sm-1'));
  const relayCaughtUp = () =>
    eventually(async () => expect((await k.integration()).relay.eventsBehind).toBe(0), 20_000, 50);

  it('publishes a handoff request once, on its target topic, keyed by referral, with eventId, correlationId and schema version', async () => {
    const recorder = recordTopics(k.messaging, Object.values(k.topics.handoffs));
    try {
      const id = await referralAt(k.api, 'active');
      const handoff = await k.api
        .http()
        .post(`/v1/referrals/${id}/handoffs`)
        .set(lw())
        .set('X-Correlation-Id', 'corr-handoff-1')
        .send({ target: 'camhs', reason: 'Panic attacks most days', urgency: 'urgent', at: at(5) })
        .expect(202);
      await relayCaughtUp();
      const [message] = await recorder.waitFor((m) => m.length >= 1, 20_000, 'the handoff message');
      const history = await k.api.http().get(`/v1/referrals/${id}/history`).set(manager()).expect(200);
      const requested = history.body.events.find((e: { type: string }) => e.type === 'HandoffRequested');

      expect(message!.topic).toBe(k.topics.handoffs.camhs);
      expect(message!.key!.toString()).toBe(id);
      expect(message!.headers).toMatchObject({
        [HEADERS.eventId]: requested.metadata.eventId,
        [HEADERS.correlationId]: 'corr-handoff-1',
        [HEADERS.schemaVersion]: '1',
        [HEADERS.messageType]: 'HandoffRequested',
      });
      expect(json(message!.value)).toMatchObject({
        handoffId: handoff.body.handoffId,
        referralId: id,
        target: 'camhs',
        urgency: 'urgent',
        sharedUnder: { basis: 'consent', consentScope: 'share_with_camhs', givenBy: 'parent_carer' },
        youngPerson: { givenName: 'Sam', familyName: 'Taylor', nhsNumber: '9434765919' },
        clocks: {
          receivedAt: '2026-09-01T09:00:00.000Z',
          acceptedAt: '2026-09-02T10:00:00.000Z',
          firstContactAt: null,
          daysSinceReferral: 4,
        },
      });
      // Once, and nowhere else: the other targets' topics stay empty.
      await new Promise((r) => setTimeout(r, 500));
      expect(recorder.messages).toHaveLength(1);
    } finally {
      await recorder.stop();
    }
  }, 60_000);

  it('sends accepted, declined and ended back to the referrer, matched to its own message when it came over Kafka', async () => {
    const recorder = recordTopics(k.messaging, [k.topics.referralStatus]);
    try {
      const message = nativeInboundMessage();
      await k.send(k.topics.referralsInbound, message);
      const id = inboundReferralId(String(message.sourceSystem), String(message.messageId));
      await eventually(
        async () => expect((await k.api.http().get(`/v1/referrals/${id}`).set(manager())).status).toBe(200),
        20_000,
        100,
      );
      await k.api
        .http()
        .post(`/v1/referrals/${id}/decline`)
        .set(lw())
        .send({ reason: 'Needs are outside the service', signpostedTo: 'Kooth', at: at(2) })
        .expect(200);
      // The intake was answered on this topic too (IntakeReceived); the decline is its own message.
      const declinedOf = (x: { key: Buffer | null; headers: Record<string, string> }) =>
        x.key?.toString() === id && x.headers[HEADERS.messageType] === 'ReferralDeclined';
      const statuses = await recorder.waitFor((m) => m.some(declinedOf), 20_000, 'the status message');
      expect(json(statuses.find(declinedOf)!.value)).toEqual({
        referralId: id,
        status: 'declined',
        at: '2026-09-02T10:00:00.000Z',
        snomedCode: '871711000000103',
        reason: 'Needs are outside the service',
        signpostedTo: 'Kooth',
        referrer: {
          sourceKind: 'school',
          organisationCode: 'A81001',
          sourceSystem: message.sourceSystem,
          messageId: message.messageId,
        },
      });

      // A referral its referrer withdraws: the system hears it, with the coded reason and never the note.
      const withdrawn = referralBody();
      const referrer = bearer(k.api.token('referrer', 'gp-1'));
      await k.api.http().post('/v1/referrals').set(referrer).send(withdrawn).expect(201);
      await k.api
        .http()
        .post(`/v1/referrals/${String(withdrawn.id)}/withdraw`)
        .set(referrer)
        .send({ reason: 'made_in_error', note: 'Wrong child selected', at: at(3) })
        .expect(200);
      const more = await recorder.waitFor(
        (m) => m.some((x) => x.key?.toString() === withdrawn.id),
        20_000,
        'the withdrawal status message',
      );
      const sent = more.find((x) => x.key?.toString() === withdrawn.id)!.value!.toString();
      expect(JSON.parse(sent)).toMatchObject({
        referralId: withdrawn.id,
        status: 'withdrawn',
        reason: 'made_in_error',
      });
      expect(sent).not.toMatch(/Wrong child/);
    } finally {
      await recorder.stop();
    }
  }, 60_000);

  it('publishes disclosure-controlled waiting-time rows keyed by group, and again only when they change', async () => {
    const recorder = recordTopics(k.messaging, [k.topics.waitingTimes]);
    try {
      const justNow = new Date(Date.now() - 60_000).toISOString();
      await k.api
        .http()
        .post('/v1/referrals')
        .set(bearer(k.api.token('referrer', 'gp-1')))
        .send(referralBody({ receivedAt: justNow }))
        .expect(201);
      // The row changes when the projection has the new, still waiting referral: 1-7 waiting is suppressed, never published as a number.
      // Rows per fixed reporting period: the month under way holds the new referral.
      const month = new Date().toISOString().slice(0, 7);
      const isAll = (x: { key: Buffer | null; value: Buffer | null }) =>
        x.key?.toString() === `${month}/acceptance/none/all` && x.value !== null;
      const keys = (m: { key: Buffer | null }[]) => new Set(m.map((x) => x.key?.toString()));
      const rows = await recorder.waitFor(
        (m) =>
          (
            json(m.filter(isAll).at(-1)?.value ?? Buffer.from('{"waiting":{}}')) as {
              waiting: { count?: number | null };
            }
          ).waiting.count === null &&
          keys(m).has(`${month}/first_contact/pcn/U12345`) &&
          keys(m).has(`${month}/help_started/source/school`),
        20_000,
        'the rows of every clock and grouping, with the all-referrals row counting a waiting referral',
      );
      const all = rows.filter(isAll).at(-1)!;
      expect(json(all.value)).toMatchObject({
        period: month,
        from: `${month}-01`,
        measure: 'acceptance',
        groupBy: 'none',
        group: 'all',
        asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        suppression: 'nhs-secondary-care',
        referrals: null,
        suppressed: true,
        waiting: { count: null, medianDays: null, suppressed: true },
      });
      expect(all.headers[HEADERS.schemaVersion]).toBe('1');
      // Only fixed periods: a month, a quarter or a financial year, never a rolling window.
      for (const key of keys(recorder.messages))
        expect(key).toMatch(/^(\d{4}-\d{2}|\d{4}-Q[1-4]|FY\d{4}-\d{2})\//);
      // Once a round finds nothing changed, no key has been sent the same figures twice in a row.
      await eventually(
        async () => expect((await k.integration()).waitingTimes?.published).toBe(0),
        20_000,
        50,
      );
      await new Promise((r) => setTimeout(r, 500));
      const last = new Map<string, string>();
      for (const m of recorder.messages) {
        const [key, value] = [m.key!.toString(), m.value?.toString() ?? ''];
        expect(value).not.toBe(last.get(key));
        last.set(key, value);
      }
    } finally {
      await recorder.stop();
    }
  }, 60_000);
});

describeWithKafka('Kafka outbound: without a broker configured', () => {
  it('runs, keeps handoffs waiting (visible over the API) and publishes them once KAFKA_BROKERS is set', async () => {
    let api = await startApi();
    let k: KafkaApi | undefined;
    try {
      const id = await referralAt(api, 'active');
      const handoff = await api
        .http()
        .post(`/v1/referrals/${id}/handoffs`)
        .set(bearer(api.token('link_worker', LINK_WORKER)))
        .send({
          target: 'mhst',
          reason: 'Low mood at school',
          urgency: 'routine',
          at: at(5),
          safeguarding: { justification: 'Risk of harm disclosed to a teacher' },
        })
        .expect(202);
      const health = await api.http().get('/health/integration').expect(200);
      expect(health.body).toMatchObject({
        kafka: 'not_configured',
        connected: false,
        relay: { position: 0 },
      });
      expect(health.body.relay.eventsBehind).toBeGreaterThan(0);
      const view = await api
        .http()
        .get(`/v1/referrals/${id}`)
        .set(bearer(api.token('service_manager', 'sm-1')))
        .expect(200);
      expect(view.body.handoffs).toEqual([
        expect.objectContaining({ handoffId: handoff.body.handoffId, status: 'requested' }),
      ]);

      const dataDir = api.config.dataDir;
      await api.close({ keepData: true });
      k = await startApiWithKafka('late-broker', dataDir, uniqueKafkaPrefix('late-broker'));
      api = k.api;
      const recorder = recordTopics(k.messaging, [k.topics.handoffs.mhst]);
      try {
        const [message] = await recorder.waitFor((m) => m.length >= 1, 20_000, 'the waiting handoff');
        expect(json(message!.value)).toMatchObject({
          handoffId: handoff.body.handoffId,
          sharedUnder: { basis: 'safeguarding', justification: 'Risk of harm disclosed to a teacher' },
        });
      } finally {
        await recorder.stop();
      }
    } finally {
      await (k ? k.close() : api.close());
    }
  }, 60_000);
});
