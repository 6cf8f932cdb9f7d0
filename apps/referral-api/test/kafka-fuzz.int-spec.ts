import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DLQ_HEADERS } from '@app/contracts';
import { ReferralApplication } from '@app/application';
import { EVENT_STORE } from '@app/event-store';
import type { EventStore, StoredEvent } from '@app/event-store';
import { IntegrationGateway } from '@app/integration';
import type { InboundMessage } from '@app/messaging';
import { describeWithKafka, eventually, recordTopics } from '@app/testing';
import type { TopicRecorder } from '@app/testing';
import { sample } from './faults/support/metrics-text';
import { CASE_HEADER, buildBatch, sendGroups } from './support/kafka-fuzz-batch';
import type { Sent } from './support/kafka-fuzz-batch';
import { drafts } from './support/kafka-fuzz-cases';
import { judge } from './support/kafka-fuzz-judge';
import type { Outcome } from './support/kafka-fuzz-judge';
import type { KafkaApi } from './support/kafka-harness';
import { startApiWithKafka } from './support/kafka-harness';
import { seedActiveReferrals } from './support/seeded-referrals';

/*
 * Property-based fuzzing of the two topics the integration gateway consumes, against the real broker and
 * the gateway running in the API process: generated native and FHIR R4 referrals and handoff answers,
 * valid or given one flaw (a field dropped, retyped or added, a bad NHS number, a huge field, an age out of
 * range, a wrong schemaVersion or correlationId header, an unknown handoff), broken bytes, and resends of
 * earlier messages, exact or changed. Batches are produced at once and then checked message by message
 * (see judge), and at the end a second consumer group replays every message to show that redelivery
 * changes nothing. FUZZ_SCALE=0.1 runs a tenth; FUZZ_SEED=<n> replays a run (the seed is printed).
 */
const SCALE = Number(process.env.FUZZ_SCALE ?? '1');
const BATCHES = 4;
const BATCH_SIZE = Math.max(20, Math.round(500 * SCALE));
const TOTAL = BATCHES * BATCH_SIZE;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

const count = (n: number) => n.toLocaleString('en-GB');

describeWithKafka('Fuzzing the inbound Kafka topics', () => {
  let k: KafkaApi;
  let store: EventStore;
  let inbound: TopicRecorder;
  let dlq: TopicRecorder;
  const all: { sent: Sent; outcome: Outcome }[] = [];

  beforeAll(async () => {
    // On tmpfs where there is one: this is about input handling, not durability.
    const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
    k = await startApiWithKafka('fuzz', mkdtempSync(join(base, 'referral-kafka-fuzz-')));
    store = k.api.app.get<EventStore>(EVENT_STORE);
    inbound = recordTopics(k.messaging, [k.topics.referralsInbound, k.topics.handoffResponses]);
    dlq = recordTopics(k.messaging, [k.topics.referralsInboundDlq, k.topics.handoffResponsesDlq]);
    process.stdout.write(`Kafka fuzz: ${count(TOTAL)} messages, seed ${SEED} (FUZZ_SEED=${SEED} replays)\n`);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([inbound?.stop(), dlq?.stop()]);
    await k?.close();
  }, 60_000);

  const lettersOf = (group: string, ids: Set<string>) =>
    dlq.messages.filter(
      (m) => m.headers[DLQ_HEADERS.consumerGroup] === group && ids.has(m.headers[CASE_HEADER] ?? ''),
    );
  const metricsText = async () => (await k.api.http().get('/metrics').expect(200)).text;
  async function eventsSince(after: number): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for (let batch; (batch = await store.readAll(after, 1000)).length; after = batch.at(-1)!.position)
      events.push(...batch);
    // Reads of referrals write to access-log streams; everything else must come from the messages.
    return events.filter((e) => !e.stream.startsWith('access-'));
  }
  const inboundOf = (ids: Set<string>) =>
    inbound.messages.filter((m) => ids.has(m.headers[CASE_HEADER] ?? ''));

  it(`${count(TOTAL)} generated messages in ${BATCHES} batches: each applied once or dead-lettered with its reason, nothing half-written, no crash`, async () => {
    const group = `${k.prefix}integration-gateway.inbound`;
    const batches = fc.sample(fc.array(drafts, { minLength: BATCH_SIZE, maxLength: BATCH_SIZE }), {
      numRuns: BATCHES,
      seed: SEED,
    });
    for (const [run, batch] of batches.entries()) {
      const { sent, seeds } = buildBatch(batch, run, k.topics);
      await seedActiveReferrals(store, seeds);
      const head = await store.headPosition();
      const before = (await k.integration()).gateway!;
      const metricsBefore = await metricsText();
      for (const messages of sendGroups(sent)) await k.partner.publish(messages);
      // A message the gateway keeps retrying (with the store and broker up) blocks its partition: the
      // failure names its last error.
      await eventually(
        async () => {
          const { handled, state, lastError } = (await k.integration()).gateway!;
          expect({ allHandled: handled - before.handled >= sent.length, state, lastError }).toEqual({
            allHandled: true,
            state: 'running',
            lastError,
          });
        },
        120_000,
        250,
      );
      const after = (await k.integration()).gateway!;
      const ids = new Set(sent.map((s) => s.id));
      await dlq.waitFor(
        () => lettersOf(group, ids).length >= after.deadLettered - before.deadLettered,
        60_000,
        'the dead letters',
      );
      await inbound.waitFor(() => inboundOf(ids).length >= sent.length, 60_000, 'the messages sent');

      const { outcomes, problems } = await judge(sent, {
        inbound: inboundOf(ids),
        deadLetters: lettersOf(group, ids),
        events: await eventsSince(head),
        readStream: (stream) => store.readStream(stream),
      });
      expect({
        run,
        seed: SEED,
        problems: problems.slice(0, 30),
        more: Math.max(0, problems.length - 30),
      }).toEqual({ run, seed: SEED, problems: [], more: 0 });

      const tally = (kind: Outcome['kind']) => [...outcomes.values()].filter((o) => o.kind === kind).length;
      expect(after.state).toBe('running');
      expect(after.handled - before.handled).toBe(sent.length);
      expect(after.deadLettered - before.deadLettered).toBe(tally('dead-lettered'));
      expect(after.created + after.recorded - before.created - before.recorded).toBe(tally('accepted'));
      expect(after.duplicates - before.duplicates).toBe(tally('duplicate'));
      // Every dead letter is counted in /metrics under its reason code.
      const metricsAfter = await metricsText();
      const codes = new Set(
        [...outcomes.values()].flatMap((o) => (o.kind === 'dead-lettered' ? [o.code] : [])),
      );
      for (const reason of codes) {
        const moved =
          sample(metricsAfter, 'integration_dead_letters_total', { reason }) -
          sample(metricsBefore, 'integration_dead_letters_total', { reason });
        expect({ reason, moved }).toEqual({
          reason,
          moved: [...outcomes.values()].filter((o) => o.kind === 'dead-lettered' && o.code === reason).length,
        });
      }
      for (const s of sent) all.push({ sent: s, outcome: outcomes.get(s.id)! });
    }
    expect((await k.api.http().get('/health/ready')).status).toBe(200);

    const byKind = (kind: Outcome['kind']) => all.filter((x) => x.outcome.kind === kind).length;
    const codes = new Map<string, number>();
    for (const { outcome } of all)
      if (outcome.kind === 'dead-lettered') codes.set(outcome.code, (codes.get(outcome.code) ?? 0) + 1);
    process.stdout.write(
      `Kafka fuzz: ${count(all.length)} messages: ${count(byKind('accepted'))} applied, ${count(byKind('duplicate'))} recognised resends, ` +
        `${count(byKind('dead-lettered'))} dead-lettered (${[...codes].map(([c, n]) => `${c} ${n}`).join(', ')})\n`,
    );
    // The generator must reach every outcome in earnest, or the property says little.
    expect(byKind('accepted')).toBeGreaterThan(TOTAL / 10);
    expect(byKind('duplicate')).toBeGreaterThan(TOTAL / 100);
    expect(byKind('dead-lettered')).toBeGreaterThan(TOTAL / 10);
  }, 900_000);

  it('changes nothing when every message is delivered again (a new consumer group from the beginning)', async () => {
    expect(all).toHaveLength(TOTAL);
    const head = await store.headPosition();
    const groupId = `${k.prefix}replay-${randomUUID().slice(0, 8)}`;
    const publisher = k.messaging.publisher();
    const replay = new IntegrationGateway({
      messaging: k.messaging,
      publisher,
      application: k.api.app.get(ReferralApplication),
      topics: k.topics,
      groupId,
      clock: { now: () => new Date().toISOString(), uuid: () => randomUUID() },
      intake: () => k.api.config.intake,
      partners: k.api.config.auth.partners,
      log: () => undefined,
    });
    replay.start();
    try {
      await eventually(() => expect(replay.status().handled).toBeGreaterThanOrEqual(TOTAL), 600_000, 250);
      const ids = new Set(all.map((x) => x.sent.id));
      await dlq.waitFor(
        () => lettersOf(groupId, ids).length >= replay.status().deadLettered,
        60_000,
        'the replayed dead letters',
      );
      const letters = new Map(
        lettersOf(groupId, ids).map((m: InboundMessage) => [
          m.headers[CASE_HEADER],
          m.headers[DLQ_HEADERS.reasonCode],
        ]),
      );
      const differing = all.filter(
        ({ sent, outcome }) =>
          (outcome.kind === 'dead-lettered' ? outcome.code : undefined) !== letters.get(sent.id),
      );
      expect(differing.map(({ sent }) => sent.id)).toEqual([]);
      expect(await eventsSince(head)).toEqual([]);
      expect(replay.status()).toMatchObject({
        handled: TOTAL,
        created: 0,
        recorded: 0,
        deadLettered: letters.size,
      });
    } finally {
      await replay.stop();
      await publisher.close();
    }
  }, 900_000);
});
