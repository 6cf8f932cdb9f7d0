import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { KafkaMessaging, pause } from '@app/messaging';
import type { InboundMessage, Messaging } from '@app/messaging';

/** The broker Kafka tests use: KAFKA_TEST_BROKERS, else the one `infra/kafka/kafka.sh start` runs. */
export const kafkaTestBrokers = (): string => process.env.KAFKA_TEST_BROKERS ?? '127.0.0.1:9092';

/** A fresh prefix for topic and group names, so reruns and parallel files never share them. */
export const uniqueKafkaPrefix = (label: string): string =>
  `test-${label}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}.`;

// Jest decides describe vs describe.skip synchronously, so the first look is a TCP connect in a child process.
function portOpen(broker: string): boolean {
  const [host, port] = broker.split(':');
  const script = `require('net').connect({ host: ${JSON.stringify(host)}, port: ${Number(port)} })
    .on('connect', () => process.exit(0)).on('error', () => process.exit(1)).setTimeout(2000, () => process.exit(1));`;
  return spawnSync(process.execPath, ['-e', script], { timeout: 5000 }).status === 0;
}

/**
 * A describe block that needs the real broker. In CI (CI=true) it fails when no broker answers;
 * elsewhere it is skipped with a notice saying how to start one. No test stops this shared broker:
 * the outage scenario runs a broker of its own (`PrivateKafka`, in `npm run test:faults`).
 */
export function describeWithKafka(name: string, body: () => void): void {
  const brokers = kafkaTestBrokers();
  const inCi = process.env.CI === 'true';
  if (!inCi && !portOpen(brokers.split(',')[0]!)) {
    process.stderr.write(
      `[kafka] skipping "${name}": no broker on ${brokers} (start one with: bash infra/kafka/kafka.sh start)\n`,
    );
    describe.skip(name, body);
    return;
  }
  describe(name, () => {
    beforeAll(async () => {
      await new KafkaMessaging({ brokers: brokers.split(','), clientId: 'test-probe' })
        .probe(10_000)
        .catch((error: unknown) => {
          throw new Error(
            `No Kafka broker answers on ${brokers} (${(error as Error).message}); in CI the Kafka tests must run: start one with bash infra/kafka/kafka.sh start`,
          );
        });
      await sweepStaleTestTopics().catch(() => undefined);
    }, 60_000);
    body();
  });
}

const STALE_MS = 3_600_000;
const TEST_TOPIC = /^test-.+-([0-9a-z]{6,})-[0-9a-f]{6}\./;

/**
 * Deletes test topics (named by `uniqueKafkaPrefix`) created over an hour ago by runs that did not clean
 * up (killed, or failed before their afterAll): thousands of partitions make the broker slow to restart.
 */
export async function sweepStaleTestTopics(now = Date.now()): Promise<void> {
  const messaging = new KafkaMessaging({ brokers: kafkaTestBrokers().split(','), clientId: 'test-cleanup' });
  const stale = (await messaging.listTopics()).filter((topic) => {
    const createdAt = parseInt(TEST_TOPIC.exec(topic)?.[1] ?? '', 36);
    return createdAt > Date.UTC(2020, 0, 1) && createdAt < now - STALE_MS;
  });
  await messaging.deleteTopics(stale);
}

/** Deletes the topics a test run created under its prefix, so the test broker does not pile them up. */
export async function deleteKafkaTopics(prefix: string): Promise<void> {
  const messaging = new KafkaMessaging({ brokers: kafkaTestBrokers().split(','), clientId: 'test-cleanup' });
  const mine = (await messaging.listTopics()).filter((t) => t.startsWith(prefix));
  await messaging.deleteTopics(mine);
}

/** Messages of some topics as a fresh consumer group sees them from the beginning, for assertions. */
export type TopicRecorder = {
  messages: InboundMessage[];
  /** Waits until `predicate` holds for the messages so far, failing after `timeoutMs` with what it saw. */
  waitFor(
    predicate: (messages: InboundMessage[]) => boolean,
    timeoutMs: number,
    what?: string,
  ): Promise<InboundMessage[]>;
  stop(): Promise<void>;
};

export function recordTopics(
  messaging: Messaging,
  topics: string[],
  groupId = `recorder-${randomBytes(4).toString('hex')}`,
): TopicRecorder {
  const messages: InboundMessage[] = [];
  const group = messaging.consume({
    groupId,
    topics,
    fromBeginning: true,
    partitionsConcurrently: 3,
    handle: async (m) => void messages.push(m),
  });
  return {
    messages,
    async waitFor(predicate, timeoutMs, what = 'messages') {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(messages)) {
        if (Date.now() > deadline)
          throw new Error(
            `Timed out after ${timeoutMs} ms waiting for ${what}; saw ${messages.length} message(s)`,
          );
        await pause(50);
      }
      return messages;
    },
    stop: () => group.stop(),
  };
}
