import { basename, dirname, join } from 'node:path';
import { topicNames } from '@app/contracts';
import type { TopicNames } from '@app/contracts';
import Database from 'better-sqlite3';
import { RELAY_CHECKPOINT, relayTopics } from '@app/integration';
import type { Messaging } from '@app/messaging';
import { uniqueKafkaPrefix } from '@app/testing';
import { withMetadata } from './history';
import { SequentialClient } from './http-sampler';
import { referralForHandoff, uuidFrom } from './referral-builders';
import { bearer, startApi } from './servers';
import { ServiceProcess } from './service-process';
import { keepProfileWindow } from './cpu-profile';
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
  const api = await startApi(dataDir, {
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_CLIENT_ID: 'cyp-bench-api',
    KAFKA_REPORT_INTERVAL_MS: '3600000',
  });
  const client = new SequentialClient(api.port);
  let observer: TopicObserver | undefined;
  try {
    const drain = () => drainRate(client, messages, 300_000);
    const rate = run.profileFile
      ? await api.profile(run.profileFile, drain).then(() => Number.NaN)
      : await drain();
    // The bench's consumer joins after the drain, so it does not share the cores with the relay and
    // broker while they are measured; it reads the backlog from the beginning, and live handoffs
    // wait until it has, so they do not queue behind it.
    observer = await observeRelayTopics(messaging, topics);
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
    await observer?.stop();
  }
}

function observeRelayTopics(messaging: Messaging, topics: TopicNames): Promise<TopicObserver> {
  return TopicObserver.start(messaging, [topics.handoffs.camhs, topics.referralStatus]);
}

/**
 * Messages/s from the relay's checkpoint (read from its table in the data folder's read-model file)
 * between its first move and its reaching the head of the store, counting messages in proportion to
 * the events passed (the backlog's referrals each send the same messages).
 */
async function checkpointRate(
  dataDir: string,
  messages: number,
  timeoutMs: number,
): Promise<{ rate: number; firstAt: number; doneAt: number }> {
  const events = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  const head = (events.prepare('SELECT max(position) AS p FROM events').get() as { p: number }).p;
  events.close();
  const state = new Database(join(dataDir, 'read-models.sqlite'), { readonly: true });
  const query = state.prepare('SELECT position FROM integration_checkpoints WHERE name = ?');
  const deadline = Date.now() + timeoutMs;
  let first: { at: number; position: number } | undefined;
  try {
    for (;;) {
      const position = Number(
        (query.get(RELAY_CHECKPOINT) as { position: number } | undefined)?.position ?? 0,
      );
      const now = performance.now();
      if (!first && position > 0) first = { at: now, position };
      if (first && position >= head) {
        const rate = (messages * ((head - first.position) / head)) / ((now - first.at) / 1000);
        return { rate, firstAt: first.at, doneAt: now };
      }
      if (Date.now() > deadline)
        throw new Error(`the relay's checkpoint was at ${position} of ${head} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    state.close();
  }
}

/** Resolves once the API's projections have reached the head of the store (its `/health`). */
async function projectionsCaughtUp(client: SequentialClient, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await client.send('GET', '/health');
    const health = JSON.parse(reply.body) as { projections?: { eventsBehind: number }[] };
    if (health.projections?.length && health.projections.every((p) => p.eventsBehind === 0)) return;
    if (Date.now() > deadline)
      throw new Error(`the API's projections had not caught up after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The relay as its own process (`apps/integration-relay`) draining a backlog beside an API that runs
 * without it (RUN_INTEGRATION=false) and has already brought its projections to the head: the relay's
 * own pipeline with nothing else of the service on its core. Messages/s is taken from its checkpoint.
 * With `profileFile`, the relay's CPU profile from its first acknowledged publish to its last.
 */
export async function throughTheRelayApart(
  workDir: string,
  messaging: Messaging,
  brokers: string,
  run: Omit<RelayRun, 'live'>,
): Promise<number> {
  const dataDir = join(workDir, run.name);
  const prefix = uniqueKafkaPrefix(run.name);
  const topics = topicNames(prefix);
  await messaging.ensureTopics(relayTopics(topics));
  const { messages } = await given(dataDir, run.backlog, 0);
  const kafka = { KAFKA_BROKERS: brokers, KAFKA_TOPIC_PREFIX: prefix, KAFKA_REPORT_INTERVAL_MS: '3600000' };
  const api = await startApi(dataDir, { ...kafka, RUN_INTEGRATION: 'false' });
  const client = new SequentialClient(api.port);
  let relay: ServiceProcess | undefined;
  try {
    await projectionsCaughtUp(client, 300_000);
    const file = run.profileFile;
    const flags = file
      ? ['--cpu-prof', `--cpu-prof-dir=${dirname(file)}`, `--cpu-prof-name=${basename(file)}`]
      : [];
    const env = { ...kafka, KAFKA_CLIENT_ID: 'cyp-bench-relay' };
    relay = await ServiceProcess.start('integration-relay', dataDir, 'integration-relay started', env, flags);
    const { rate, firstAt, doneAt } = await checkpointRate(dataDir, messages, 300_000);
    await relay.stop();
    if (file) keepProfileWindow(file, firstAt - relay.spawnedAt, doneAt - relay.spawnedAt);
    // Every message reached the topics: read after the drain, as in `throughTheRelay`.
    const observer = await observeRelayTopics(messaging, topics);
    try {
      await observer.waitForCount(messages, 300_000);
    } finally {
      await observer.stop();
    }
    return rate;
  } finally {
    await relay?.stop();
    client.close();
    await api.stop();
  }
}
