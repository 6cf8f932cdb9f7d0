import { join } from 'node:path';
import { topicNames } from '@app/contracts';
import { relayTopics } from '@app/integration';
import type { Messaging } from '@app/messaging';
import { uniqueKafkaPrefix } from '@app/testing';
import { withMetadata } from './history';
import { SequentialClient } from './http-sampler';
import { referralForHandoff, uuidFrom } from './referral-builders';
import { bearer, startApi } from './servers';
import { openLayeredForBulkWrite } from './stores';
import { TopicObserver } from './topic-observer';

export type Relayed = { rate: number; latencies: number[]; messageBytes: number };

/** Given: `backlog` referrals with a handoff requested (not yet relayed) and `live` ready for one. */
async function given(
  dataDir: string,
  backlog: number,
  live: number,
): Promise<{ liveIds: string[]; messages: number }> {
  const store = await openLayeredForBulkWrite(dataDir);
  let sequence = 0;
  const liveIds: string[] = [];
  for (let i = 0; i < backlog + live; i++) {
    const id = uuidFrom(0x5e1a0000 + i);
    if (i >= backlog) liveIds.push(id);
    const referral = referralForHandoff(id, i < backlog);
    await store.app.append(referral.stream, withMetadata(referral, sequence), 'no_stream');
    sequence += referral.events.length;
  }
  await store.close();
  // Each accepted referral sends a status message; each handoff one more.
  return { liveIds, messages: 2 * backlog + live };
}

/** Messages the relay had acknowledged per second while draining its backlog, from the API's own health figures. */
async function drainRate(client: SequentialClient, expected: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let first: { at: number; published: number } | undefined;
  for (;;) {
    const reply = await client.send('GET', '/health/integration');
    const relay = (JSON.parse(reply.body) as { relay: { published: number; eventsBehind: number } }).relay;
    const now = performance.now();
    if (!first && relay.published > 0) first = { at: now, published: relay.published };
    if (first && relay.published >= expected && relay.eventsBehind === 0)
      return (relay.published - first.published) / ((now - first.at) / 1000);
    if (Date.now() > deadline)
      throw new Error(
        `the relay had published ${relay.published} of ${expected} messages after ${timeoutMs} ms`,
      );
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Requests a handoff on each live referral in turn; latency is from the 202 (event appended) to the message reaching a consumer. */
async function liveHandoffs(
  client: SequentialClient,
  observer: TopicObserver,
  ids: string[],
): Promise<number[]> {
  const auth = { authorization: bearer('link_worker', 'lw-bench'), 'content-type': 'application/json' };
  const body = JSON.stringify({ target: 'camhs', reason: 'Panic attacks most days', urgency: 'urgent' });
  const acked = new Map<string, number>();
  for (const id of ids) {
    const reply = await client.send('POST', `/v1/referrals/${id}/handoffs`, auth, body);
    if (reply.status !== 202)
      throw new Error(`requesting a handoff answered ${reply.status}: ${reply.body.slice(0, 300)}`);
    acked.set(`HandoffRequested/${id}`, performance.now());
  }
  await observer.waitFor([...acked.keys()], 60_000);
  return [...acked].map(([key, at]) => observer.arrivals.get(key)! - at);
}

export type RelayRun = { backlog: number; live: number; name: string; profileFile?: string };

/** The API with the relay on a fresh data folder and topics: drain the backlog, then time live handoffs. */
export async function throughTheRelay(
  workDir: string,
  messaging: Messaging,
  brokers: string,
  run: RelayRun,
): Promise<Relayed> {
  const dataDir = join(workDir, run.name);
  const prefix = uniqueKafkaPrefix(run.name);
  const topics = topicNames(prefix);
  await messaging.ensureTopics(relayTopics(topics));
  const { liveIds, messages } = await given(dataDir, run.backlog, run.live);
  const observer = await TopicObserver.start(messaging, [topics.handoffs.camhs, topics.referralStatus]);
  const api = await startApi(dataDir, {
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_CLIENT_ID: 'cyp-bench-api',
    KAFKA_REPORT_INTERVAL_MS: '3600000',
  });
  const client = new SequentialClient(api.port);
  try {
    const drain = () => drainRate(client, messages, 300_000);
    const rate = run.profileFile
      ? await api.profile(run.profileFile, drain).then(() => Number.NaN)
      : await drain();
    // Live handoffs must not queue behind the backlog in the observer.
    await observer.waitForCount(messages, 300_000);
    const latencies = await liveHandoffs(client, observer, liveIds);
    return {
      rate,
      latencies,
      messageBytes: Math.round(
        observer.bytes.reduce((a, b) => a + b, 0) / Math.max(observer.bytes.length, 1),
      ),
    };
  } finally {
    client.close();
    await api.stop();
    await observer.stop();
  }
}
