import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { HEADERS, topicNames } from '@app/contracts';
import { KafkaMessaging } from '@app/messaging';
import {
  PrivateKafka,
  eventually,
  nativeInboundMessage,
  recordTopics,
  signedAs,
  tempDir,
  testPartnersEnv,
} from '@app/testing';
import type { TempDir } from '@app/testing';
import { SEEDED_LINK_WORKER, seedActiveReferrals } from '../support/seeded-referrals';
import { AppProcess, sleep } from './support/app-process';
import { withAppStore } from './support/app-store';
import { CompiledApp, compileApp } from './support/compiled-app';
import { recordFaultResult } from './support/fault-results';
import { freePort } from './support/free-port';
import { call } from './support/http';
import { sample } from './support/metrics-text';
import { readSqliteEvents } from './support/stored-events';

const HANDOFFS = 500;
const INBOUND = 100;
const OUTAGE_MS = 10_000;
const CLIENTS = 8;
const PREFIX = `fault-outage-${Date.now().toString(36)}.`;

/** Runs `work` over `items`, `concurrency` at a time. */
async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

describe('The Kafka broker stopped for 10 s during a burst of handoffs', () => {
  const kafka = new PrivateKafka();
  const topics = topicNames(PREFIX);
  let compiled: CompiledApp;
  let dir: TempDir;
  let app: AppProcess;
  let partner: KafkaMessaging;

  beforeAll(async () => {
    compiled = compileApp();
    dir = tempDir('fault-kafka-');
    await kafka.startFresh();
    partner = new KafkaMessaging({ brokers: [kafka.brokers], clientId: 'fault-partner' });
    app = new AppProcess({
      main: compiled.main,
      dataDir: dir.path,
      port: await freePort(),
      env: {
        RATE_LIMIT_WRITES_PER_MINUTE: '0',
        RATE_LIMIT_READS_PER_MINUTE: '0',
        KAFKA_BROKERS: kafka.brokers,
        KAFKA_TOPIC_PREFIX: PREFIX,
        KAFKA_CLIENT_ID: 'fault-outage',
        KAFKA_REPORT_INTERVAL_MS: '1000',
        KAFKA_HEALTH_INTERVAL_MS: '500',
        INTEGRATION_PARTNERS: testPartnersEnv(),
        // The handoffs and inbound referrals are dated in September 2026.
        BACKDATE_WINDOW_DAYS: 'unlimited',
      },
    });
  }, 240_000);
  afterAll(async () => {
    await app?.stop();
    await kafka.remove().catch(() => undefined);
    compiled?.remove();
    dir?.remove();
  }, 120_000);

  it(`loses none of ${HANDOFFS} handoffs or ${INBOUND} inbound referrals; copies only with the same eventId`, async () => {
    const started = Date.now();
    const referralIds = Array.from({ length: HANDOFFS }, () => randomUUID());
    await withAppStore(dir.path, {}, (store) =>
      seedActiveReferrals(
        store,
        referralIds.map((referralId) => ({ referralId })),
      ),
    );
    await app.start();
    const integration = async () =>
      (await (await fetch(`${app.baseUrl}/health/integration`)).json()) as {
        connected: boolean;
        status: string;
        gateway?: { state: string };
      };
    const brokerGauge = async () =>
      sample(await (await fetch(`${app.baseUrl}/metrics`)).text(), 'integration_kafka_connected');
    await eventually(async () => expect((await integration()).gateway?.state).toBe('running'), 60_000, 200);
    expect(await integration()).toMatchObject({ connected: true, status: 'ok' });
    expect(await brokerGauge()).toBe(1);
    const relayLag = async () =>
      sample(await (await fetch(`${app.baseUrl}/metrics`)).text(), 'integration_relay_lag_events');

    const lw = app.token('link_worker', SEEDED_LINK_WORKER);
    const acknowledged: string[] = [];
    const unexpected: string[] = [];
    const targets = ['camhs', 'mhst', 'school'] as const;
    const requestHandoffs = (ids: string[]) =>
      pool(ids, CLIENTS, async (id) => {
        const body = {
          target: targets[acknowledged.length % 3],
          reason: 'Burst',
          urgency: 'routine',
          at: '2026-09-20T10:00:00Z',
        };
        const answer = await call(app.baseUrl, {
          method: 'POST',
          path: `/v1/referrals/${id}/handoffs`,
          token: lw,
          body,
        });
        if (answer.kind === 'answer' && answer.status === 202)
          acknowledged.push(String(answer.body?.handoffId));
        else unexpected.push(JSON.stringify(answer));
      });
    // Inbound referrals sent just before the outage, some still unconsumed when the broker stops.
    const inbound = Array.from({ length: INBOUND }, () => nativeInboundMessage());
    const publisher = partner.publisher();
    const send = (messages: typeof inbound) =>
      eventually(
        () =>
          publisher.publish(
            messages.map((m) => {
              const message = {
                topic: topics.referralsInbound,
                key: String(m.messageId),
                value: JSON.stringify(m),
              };
              return { ...message, headers: signedAs('school', message) };
            }),
          ),
        60_000,
        500,
      );
    await send(inbound.slice(0, INBOUND / 2));

    // A fifth with the broker up, two fifths while it is down, the rest while it starts again.
    await requestHandoffs(referralIds.slice(0, HANDOFFS / 5));
    await kafka.stop();
    const down = Date.now();
    await requestHandoffs(referralIds.slice(HANDOFFS / 5, (HANDOFFS * 3) / 5));
    const lagWhileDown = await relayLag();
    // Health tells the truth while the broker is away: not connected, degraded, and the gauge at 0.
    await eventually(
      async () => expect(await integration()).toMatchObject({ connected: false, status: 'degraded' }),
      8000,
      100,
    );
    const gaugeWhileDown = await brokerGauge();
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - down)));
    const outageMs = Date.now() - down;
    await Promise.all([kafka.start(), requestHandoffs(referralIds.slice((HANDOFFS * 3) / 5))]);
    await send(inbound.slice(INBOUND / 2));
    await eventually(async () => expect((await integration()).connected).toBe(true), 60_000, 200);

    // What the relay published, and what the store holds, once the relay has caught up.
    const recorder = recordTopics(partner, Object.values(topics.handoffs));
    let published: Map<string, Set<string>>;
    try {
      const seen = await recorder.waitFor(
        (m) => new Set(m.map((x) => JSON.parse(x.value!.toString()).handoffId)).size >= acknowledged.length,
        120_000,
        `${HANDOFFS} handoffs`,
      );
      published = new Map();
      for (const m of seen) {
        const handoffId = String(JSON.parse(m.value!.toString()).handoffId);
        published.set(handoffId, (published.get(handoffId) ?? new Set()).add(m.headers[HEADERS.eventId]!));
      }
      await eventually(async () => expect(await relayLag()).toBe(0), 60_000, 250);
      await eventually(
        async () => {
          const received = readSqliteEvents(join(dir.path, 'events.sqlite')).filter(
            (e) => e.type === 'ReferralReceived' && e.metadata.channel === 'kafka',
          );
          expect(received.length).toBeGreaterThanOrEqual(INBOUND);
        },
        120_000,
        500,
      );
    } finally {
      await recorder.stop();
      await publisher.close();
    }
    const copies = [...published.values()].reduce((n, ids) => n + ids.size, 0);
    const seenCount = recorder.messages.length;
    await app.kill('SIGTERM');

    const events = readSqliteEvents(join(dir.path, 'events.sqlite'));
    const stored = new Map(
      events
        .filter((e) => e.type === 'HandoffRequested')
        .map((e) => [String((e.data as { handoffId: string }).handoffId), e.metadata.eventId]),
    );
    const received = events.filter((e) => e.type === 'ReferralReceived' && e.metadata.channel === 'kafka');
    const receivedIds = received.map((e) => e.metadata.messageId);
    const lostHandoffs = acknowledged.filter((id) => !published.has(id));
    const otherEventIds = [...published].filter(
      ([id, eventIds]) => eventIds.size !== 1 || !eventIds.has(stored.get(id)!),
    );
    const lostInbound = inbound.filter((m) => !receivedIds.includes(m.messageId));
    recordFaultResult({
      scenario: 'Kafka broker stopped during a burst of handoffs',
      load: `${HANDOFFS} handoffs from ${CLIENTS} clients; ${INBOUND} inbound referrals`,
      faults: `broker stopped for ${(outageMs / 1000).toFixed(0)} s, then restarted`,
      lost: lostHandoffs.length + lostInbound.length,
      duplicated: otherEventIds.length + (receivedIds.length - new Set(receivedIds).size),
      seconds: (Date.now() - started) / 1000,
      notes:
        `${acknowledged.length} handoffs answered 202 (the API kept accepting them while the broker was down; ${lagWhileDown} events waited in the store), ` +
        `all published after the restart; ${seenCount - published.size} redelivered copies, each with the eventId of its first copy; ` +
        `every inbound referral received once`,
    });

    expect(unexpected).toEqual([]);
    expect(acknowledged).toHaveLength(HANDOFFS);
    expect(lagWhileDown).toBeGreaterThan(0);
    expect(gaugeWhileDown).toBe(0);
    expect(lostHandoffs).toEqual([]);
    expect([...published.keys()].sort()).toEqual([...stored.keys()].sort());
    expect(otherEventIds).toEqual([]);
    expect(copies).toBe(published.size);
    expect(lostInbound).toEqual([]);
    expect(receivedIds).toHaveLength(INBOUND);
    expect(new Set(received.map((e) => e.stream)).size).toBe(INBOUND);
  }, 480_000);
});
