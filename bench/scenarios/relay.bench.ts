import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KafkaMessaging } from '@app/messaging';
import { PrivateKafka, uniqueKafkaPrefix } from '@app/testing';
import { ROOT } from '../lib/child';
import type { Figure, ScenarioResult } from '../lib/figures';
import { formatNumber, missedTargets } from '../lib/figures';
import { bareKafka } from '../lib/kafka-baseline';
import type { Plan } from '../lib/plan';
import { throughTheRelay } from '../lib/relay-drive';
import type { Relayed } from '../lib/relay-drive';
import { percentile } from '../lib/stats';
import { referralForHandoff, uuidFrom } from '../lib/referral-builders';
import { relayApart, relayProfiles } from './relay.where';
import type { RelaySetting } from './relay.where';

const TITLE = '5. Relay: handoff append to Kafka topic';
const RUNS = 3;

/**
 * Relay: a backlog of handoffs drained to Kafka (messages/s), then live handoffs over HTTP timed from
 * their 202 to the message reaching a consumer, beside the same Kafka client publishing directly.
 */
export async function relayScenario(
  plan: Plan,
  workDir: string,
  profileDir: string,
): Promise<ScenarioResult> {
  const skip = (why: string): ScenarioResult => ({
    id: 'relay',
    title: TITLE,
    figures: [],
    notes: [],
    skipped: why,
  });
  if (!existsSync(join(ROOT, 'apps', 'integration-relay')))
    return skip('apps/integration-relay does not exist yet; nothing to measure.');
  // A broker of the bench's own unless KAFKA_BENCH_BROKERS names one, so a clean clone measures the
  // same work with nothing started by hand, and no test stops the broker under it.
  const given = process.env.KAFKA_BENCH_BROKERS;
  const own = given ? undefined : new PrivateKafka(29192, 29193, '.run-bench');
  try {
    await own?.startFresh();
  } catch (error) {
    return skip(
      `the bench's own Kafka broker (infra/kafka/kafka.sh) did not start: ${(error as Error).message}`,
    );
  }
  try {
    return await measureOn(given ?? own!.brokers, plan, workDir, profileDir, skip);
  } finally {
    await own?.remove().catch(() => undefined);
  }
}

async function measureOn(
  brokers: string,
  plan: Plan,
  workDir: string,
  profileDir: string,
  skip: (why: string) => ScenarioResult,
): Promise<ScenarioResult> {
  const messaging = new KafkaMessaging({ brokers: brokers.split(','), clientId: 'cyp-bench' });
  if (!(await brokerAnswers(messaging, 60_000))) {
    return skip(`no Kafka broker answered at ${brokers} within a minute.`);
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await measureRelay(plan, workDir, profileDir, messaging, brokers, attempt);
    } catch (error) {
      // A broker named by KAFKA_BENCH_BROKERS may be shared with other work; a run it drops out of is retried once.
      const answering = await brokerAnswers(messaging, 90_000);
      if (answering && attempt < 2) continue;
      if (answering) throw error;
      return skip(`the broker at ${brokers} stopped answering during the run (${(error as Error).message}).`);
    }
  }
}

/** Polls the broker until it answers or `timeoutMs` passes. */
async function brokerAnswers(messaging: KafkaMessaging, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await messaging.probe(5000);
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  return false;
}

async function measureRelay(
  plan: Plan,
  workDir: string,
  profileDir: string,
  messaging: KafkaMessaging,
  brokers: string,
  attempt: number,
): Promise<ScenarioResult> {
  const baselineTopic = `${uniqueKafkaPrefix('bench-baseline')}bench.baseline.v1`;
  await messaging.ensureTopics([{ name: baselineTopic }]);
  const { backlog, live } = plan.relay;
  // A status message per acceptance and one per handoff.
  const messages = 2 * backlog + live;
  // The broker is a fresh JVM: one unmeasured run of the baseline, on a topic of its own (its consumer
  // must not see the measured run's keys), warms it, so neither the relay, measured first, nor the
  // baseline after it pays for a cold broker.
  const warmupTopic = `${uniqueKafkaPrefix('bench-warmup')}bench.warmup.v1`;
  await messaging.ensureTopics([{ name: warmupTopic }]);
  await bareKafka(messaging, warmupTopic, messages, live, 600);
  // Three drains, each of a fresh backlog in a fresh data folder; live handoffs are timed on the first.
  const inApi: Relayed[] = [];
  for (let i = 0; i < RUNS; i++) {
    inApi.push(
      await throughTheRelay(workDir, messaging, brokers, {
        backlog,
        live: i === 0 ? live : 0,
        name: `relay-api-${attempt}-${i}`,
      }),
    );
  }
  const relayed = inApi[0]!;
  const bare = await bareKafka(messaging, baselineTopic, messages, live, relayed.messageBytes);
  const at: RelaySetting = { workDir, messaging, brokers, attempt };
  const apart = await relayApart(at, backlog, RUNS, bare.rate);
  const latency = (name: string, run: Relayed, p: number, atMost?: number): Figure => ({
    name,
    unit: 'ms',
    value: percentile(run.latencies, p),
    better: 'lower',
    baseline: { label: 'acknowledged direct publish to a consumer', value: percentile(bare.latencies, p) },
    targets: atMost === undefined ? undefined : [{ kind: 'atMost', value: atMost }],
  });
  const drain = (name: string, runs: Relayed[], pick: 'median' | 'min'): Figure => {
    const rates = runs.map((r) => r.rate).sort((a, b) => a - b);
    return {
      name,
      unit: 'messages/s',
      value: pick === 'min' ? rates[0]! : rates[Math.floor(rates.length / 2)]!,
      better: 'higher',
      baseline: { label: 'the same client publishing batches of 100 directly', value: bare.rate },
      targets: [{ kind: 'atLeast', value: 10_000 }],
    };
  };
  const rates = (runs: Relayed[]) => runs.map((r) => formatNumber(r.rate)).join(', ');
  const result: ScenarioResult = {
    id: 'relay',
    title: TITLE,
    figures: [
      latency('handoff appended (202) to message consumed, p50', relayed, 50),
      latency('handoff appended (202) to message consumed, p99', relayed, 99, 250),
      drain(`messages/s draining a backlog, median of ${RUNS} runs`, inApi, 'median'),
      drain(`messages/s draining a backlog, slowest of ${RUNS} runs`, inApi, 'min'),
      {
        name: 'where it goes: the same client publishing batches of 1,000',
        unit: 'messages/s',
        value: bare.bigBatchRate,
        better: 'higher',
        baseline: { label: 'batches of 100', value: bare.rate },
      },
      ...apart.figures,
    ],
    notes: [
      `Broker: ${brokers} (${process.env.KAFKA_BENCH_BROKERS ? 'KAFKA_BENCH_BROKERS' : "the bench's own single-node broker, started by `infra/kafka/kafka.sh` on fresh storage"}), topics under a fresh prefix. The API runs with KAFKA_BROKERS set, so the relay runs in its process and follows the event store.`,
      `Backlog: ${formatNumber(backlog)} referrals with a CAMHS handoff requested and ${formatNumber(live)} ready for one, written before the API starts; the relay publishes ${formatNumber(messages)} messages (a status message per acceptance, one per handoff) and messages/s is taken from its own \`/health/integration\` counters between the first acknowledged batch and the last. The bench's own consumer of the topics joins after the drain (reading from the beginning, every message is checked there), so it does not take a core from the relay and the broker while they are measured.`,
      `Drain runs, each of a fresh backlog in a fresh data folder, in order: ${rates(inApi)} messages/s; the figures are their median and the slowest.`,
      `Latency: ${formatNumber(live)} handoffs requested over HTTP one after another once the backlog is drained, each timed from its 202 (the event is stored) to its message reaching a consumer of the topic; the baseline times an acknowledged publish of a message of the same size (${formatNumber(relayed.messageBytes)} bytes) to the same consumer.`,
    ],
  };
  result.notes.push(
    `Pipeline: the relay reads the next events and builds their messages while a publish is in flight (one at a time, so the checkpoint follows acknowledgements in order), and each publish takes everything queued, up to 1,000 messages, as one batch across topics; messages come from referrals it folds as it follows the store, not from rereading each stream (ADR 0007).`,
  );
  result.notes.push(
    `The relay apart: \`apps/integration-relay\` started as its own process on the same kind of backlog once an API beside it (RUN_INTEGRATION=false) has brought its projections to the head, as after a broker outage; messages/s taken from its checkpoint (in its table in the data folder), between its first move and the head. Runs, in order: ${apart.rates.map(formatNumber).join(', ')} messages/s.`,
  );
  const eventsPerMessage = referralForHandoff(uuidFrom(1), true).events.length / 2;
  const drainMissed = missedTargets(result).some((f) => f.unit === 'messages/s');
  if (plan.profile === 'all' || (plan.profile === 'missed' && missedTargets(result).length > 0)) {
    const { profiles, notes } = await relayProfiles(at, backlog, profileDir);
    result.profiles = profiles;
    result.notes.push(...notes);
  }
  if (drainMissed)
    result.notes.push(
      `Limit: as its own process, alone on its thread with the API's projections already at the head, the relay drained at ${formatNumber(apart.figures[0]!.value)} messages/s (median; slowest ${formatNumber(apart.figures[1]!.value)}); in the API, where it shares the thread with the projections and the tamper-evidence log catching up, at ${formatNumber(result.figures[2]!.value)} (slowest ${formatNumber(result.figures[3]!.value)}); a drain of the ${formatNumber(messages)} messages took about ${formatNumber(messages / apart.figures[0]!.value)} s apart and ${formatNumber(messages / result.figures[2]!.value)} s in the API. An API started on a backlog catches its projections and tamper-evidence log up on the same events while its relay drains; after a broker outage with the API running they are already at the head, as in the apart runs. Either way one thread reads, decrypts and folds about ${formatNumber(eventsPerMessage)} events per message, builds its messages, and has kafkajs batch and send them one acknowledged publish at a time; the profiles below show where that thread's time goes. The same client reaches ${formatNumber(bare.bigBatchRate)} messages/s with batches of 1,000 of the baseline's messages (one header each, nothing to read or decrypt first).`,
    );
  return result;
}
