import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KafkaMessaging } from '@app/messaging';
import { kafkaTestBrokers, uniqueKafkaPrefix } from '@app/testing';
import { ROOT } from '../lib/child';
import type { Figure, ScenarioResult } from '../lib/figures';
import { formatNumber, missedTargets } from '../lib/figures';
import { inclusiveShare, summariseProfile } from '../lib/cpu-profile';
import { bareKafka } from '../lib/kafka-baseline';
import type { Plan } from '../lib/plan';
import { throughTheRelay } from '../lib/relay-drive';
import { percentile } from '../lib/stats';

const TITLE = '5. Relay: handoff append to Kafka topic';

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
  const brokers = kafkaTestBrokers();
  const messaging = new KafkaMessaging({ brokers: brokers.split(','), clientId: 'cyp-bench' });
  try {
    await messaging.probe(5000);
  } catch {
    return skip(
      `no Kafka broker answered at ${brokers} (KAFKA_TEST_BROKERS, as for the tests); start one with \`bash infra/kafka/kafka.sh start\`.`,
    );
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await measureRelay(plan, workDir, profileDir, messaging, brokers, attempt);
    } catch (error) {
      // The broker is shared with other work (tests stop and restart it); a run it drops out of is retried once.
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
  const relayed = await throughTheRelay(workDir, messaging, brokers, {
    backlog,
    live,
    name: `relay-api-${attempt}`,
  });
  const bare = await bareKafka(messaging, baselineTopic, 2 * backlog + live, live, relayed.messageBytes);
  const latency = (name: string, p: number, atMost?: number): Figure => ({
    name,
    unit: 'ms',
    value: percentile(relayed.latencies, p),
    better: 'lower',
    baseline: { label: 'acknowledged direct publish to a consumer', value: percentile(bare.latencies, p) },
    targets: atMost === undefined ? undefined : [{ kind: 'atMost', value: atMost }],
  });
  const result: ScenarioResult = {
    id: 'relay',
    title: TITLE,
    figures: [
      latency('handoff appended (202) to message consumed, p50', 50),
      latency('handoff appended (202) to message consumed, p99', 99, 250),
      {
        name: 'messages/s draining a backlog',
        unit: 'messages/s',
        value: relayed.rate,
        better: 'higher',
        baseline: { label: 'the same client publishing batches of 100 directly', value: bare.rate },
        targets: [{ kind: 'atLeast', value: 10_000 }],
      },
      {
        name: 'where it goes: the same client publishing batches of 1,000',
        unit: 'messages/s',
        value: bare.bigBatchRate,
        better: 'higher',
        baseline: { label: 'batches of 100', value: bare.rate },
      },
    ],
    notes: [
      `Broker: ${brokers} (the tests' broker, \`infra/kafka/kafka.sh\`), topics under a fresh prefix. The API runs with KAFKA_BROKERS set, so the relay runs in its process and follows the event store.`,
      `Backlog: ${formatNumber(backlog)} referrals with a CAMHS handoff requested and ${formatNumber(live)} ready for one, written before the API starts; the relay publishes ${formatNumber(2 * backlog + live)} messages (a status message per acceptance, one per handoff) and messages/s is taken from its own \`/health/integration\` counters between the first acknowledged batch and the last.`,
      `Latency: ${formatNumber(live)} handoffs requested over HTTP one after another once the backlog is drained, each timed from its 202 (the event is stored) to its message reaching a consumer of the topic; the baseline times an acknowledged publish of a message of the same size (${formatNumber(relayed.messageBytes)} bytes) to the same consumer.`,
    ],
  };
  result.notes.push(
    `Limit: the relay publishes the messages of one batch of events (at most 200) and waits for the broker to acknowledge them (acks from all in-sync replicas) before it reads the next batch, so its rate is about a batch over a round trip. The same client reaches ${formatNumber(bare.rate)} messages/s with batches of 100 and ${formatNumber(bare.bigBatchRate)} with batches of 1,000 on this broker; the relay also reads each referral's stream up to the event to build the message.`,
  );
  if (plan.profile === 'all' || (plan.profile === 'missed' && missedTargets(result).length > 0)) {
    const file = join(profileDir, 'relay-api.cpuprofile');
    const quarter = Math.max(100, Math.round(backlog / 4));
    await throughTheRelay(workDir, messaging, brokers, {
      backlog: quarter,
      live: 0,
      name: `relay-api-profiled-${attempt}`,
      profileFile: file,
    });
    const summary = summariseProfile(
      `API process while the relay drains a backlog of ${formatNumber(quarter)} handoffs`,
      file,
    );
    result.profiles = [summary];
    const relayShare = inclusiveShare(file, (f) => f.url.includes('integration-relay/src/'));
    result.notes.push(
      `While draining, the API's thread was idle ${formatNumber(summary.idlePct)}% of the time (waiting for the broker), and the relay's own code, with the stream reads it makes, took ${formatNumber(relayShare)}% of the busy time.`,
    );
  }
  return result;
}
