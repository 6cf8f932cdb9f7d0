import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { HEADERS, inboundReferralId } from '@app/contracts';
import { EVENT_STORE } from '@app/event-store';
import type { EventStore, NewEvent } from '@app/event-store';
import { decide, evolve, initialState, referralStreamName } from '@app/referral-domain';
import type { Referral, ReferralCommand } from '@app/referral-domain';
import { describeWithKafka, eventually, nativeInboundMessage, recordTopics } from '@app/testing';
import { bearer } from './support/api-harness';
import { LINK_WORKER } from './support/referral-flow';
import type { KafkaApi } from './support/kafka-harness';
import { startApiWithKafka } from './support/kafka-harness';

const HANDOFFS = 500;
const kafkaScript = resolve(__dirname, '../../../infra/kafka/kafka.sh');
const kafka = (command: 'stop' | 'start') =>
  promisify(execFile)('bash', [kafkaScript, command], { timeout: 120_000 });
const day = (d: number) => `2026-09-${String(d).padStart(2, '0')}T10:00:00.000Z`;

/** An accepted referral with consent to share with CAMHS, appended as the decider would record it. */
function activeReferral(referralId: string): NewEvent[] {
  const now = day(28);
  const commands: ReferralCommand[] = [
    {
      type: 'ReceiveReferral',
      referralId,
      now,
      policy: { minAgeYears: 5, maxAgeYears: 19 },
      receivedAt: day(1),
      source: { kind: 'gp' },
      youngPerson: { givenName: 'Test', familyName: 'Person', dateOfBirth: '2013-01-01' },
      reasons: ['anxiety'],
      urgency: 'routine',
    },
    { type: 'AcceptReferral', referralId, at: day(2), now, linkWorkerId: LINK_WORKER },
    {
      type: 'ObtainConsent',
      referralId,
      at: day(3),
      now,
      givenBy: 'parent_carer',
      basis: 'parental_responsibility',
      scopes: ['support', 'share_with_camhs'],
    },
  ];
  let state: Referral = initialState;
  return commands.flatMap((command) =>
    decide(command, state).map((event) => {
      state = evolve(state, event);
      const metadata = {
        eventId: randomUUID(),
        occurredAt: now,
        actor: { sub: 'seed', roles: ['service_manager'] },
        correlationId: 'seed',
        causationId: 'seed',
        schemaVersion: 1,
      };
      return { type: event.type, data: event.data, metadata };
    }),
  );
}

/** Runs `work` over `items`, `concurrency` at a time. */
async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

describeWithKafka(
  'Kafka outage during a burst of handoffs',
  () => {
    let k: KafkaApi;
    beforeAll(async () => {
      k = await startApiWithKafka('outage');
    }, 60_000);
    afterAll(async () => {
      // Whatever happened above, leave a running broker for the tests after this one.
      await kafka('start').catch(() => undefined);
      await k?.close();
    }, 150_000);

    it(`loses none of ${HANDOFFS} handoffs when the broker stops and restarts mid-burst (duplicates only with the same eventId)`, async () => {
      const store = k.api.app.get<EventStore>(EVENT_STORE);
      const referralIds = Array.from({ length: HANDOFFS }, () => randomUUID());
      for (const id of referralIds)
        await store.append(referralStreamName(id), activeReferral(id), 'no_stream');

      const lw = bearer(k.api.token('link_worker', LINK_WORKER));
      const requested: string[] = [];
      const requestHandoffs = (ids: string[]) =>
        pool(ids, 8, async (id) => {
          const res = await k.api
            .http()
            .post(`/v1/referrals/${id}/handoffs`)
            .set(lw)
            .send({ target: 'camhs', reason: 'Burst', urgency: 'routine', at: day(20) });
          expect(res.status).toBe(202);
          requested.push(res.body.handoffId as string);
        });
      // A fifth with the broker up, two fifths while it is down, the rest while it starts again.
      await requestHandoffs(referralIds.slice(0, HANDOFFS / 5));
      await kafka('stop');
      await requestHandoffs(referralIds.slice(HANDOFFS / 5, (HANDOFFS * 3) / 5));
      // The API kept accepting handoffs; they wait in the event store for the broker.
      expect((await k.integration()).relay.eventsBehind).toBeGreaterThan(0);
      await Promise.all([kafka('start'), requestHandoffs(referralIds.slice((HANDOFFS * 3) / 5))]);
      expect(requested).toHaveLength(HANDOFFS);

      const recorder = recordTopics(k.messaging, [k.topics.handoffs.camhs]);
      try {
        const wanted = new Set(requested);
        const seen = await recorder.waitFor(
          (m) => new Set(m.map((x) => JSON.parse(x.value!.toString()).handoffId)).size >= wanted.size,
          90_000,
          `${HANDOFFS} handoffs`,
        );
        const stored = new Map<string, string>();
        for (
          let after = 0, batch;
          (batch = await store.readAll(after, 1000)).length;
          after = batch.at(-1)!.position
        ) {
          for (const e of batch)
            if (e.type === 'HandoffRequested')
              stored.set((e.data as { handoffId: string }).handoffId, e.metadata.eventId);
        }
        const published = new Map<string, Set<string>>();
        for (const m of seen) {
          const handoffId = JSON.parse(m.value!.toString()).handoffId as string;
          published.set(handoffId, (published.get(handoffId) ?? new Set()).add(m.headers[HEADERS.eventId]!));
        }
        expect([...published.keys()].sort()).toEqual([...wanted].sort());
        for (const [handoffId, eventIds] of published) expect([...eventIds]).toEqual([stored.get(handoffId)]);
        await eventually(async () => expect((await k.integration()).relay.eventsBehind).toBe(0), 30_000, 100);
      } finally {
        await recorder.stop();
      }

      // The gateway's consumer group came back too: an inbound referral sent now is received.
      const message = nativeInboundMessage();
      await k.send(k.topics.referralsInbound, message);
      const id = inboundReferralId(String(message.sourceSystem), String(message.messageId));
      const status = async () =>
        (
          await k.api
            .http()
            .get(`/v1/referrals/${id}`)
            .set(bearer(k.api.token('service_manager')))
        ).status;
      await eventually(async () => expect(await status()).toBe(200), 60_000, 200);
    }, 240_000);
  },
  { stopsTheBroker: true },
);
