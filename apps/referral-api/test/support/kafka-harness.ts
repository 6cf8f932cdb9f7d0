import { topicNames } from '@app/contracts';
import type { TopicNames } from '@app/contracts';
import { KafkaMessaging } from '@app/messaging';
import type { MessagePublisher } from '@app/messaging';
import { PARTNER_ID_HEADER } from '@app/contracts';
import {
  deleteKafkaTopics,
  eventually,
  kafkaTestBrokers,
  signedAs,
  testPartnersEnv,
  uniqueKafkaPrefix,
} from '@app/testing';
import type { TestPartnerName } from '@app/testing';
import type { Api } from './api-harness';
import { startApi } from './api-harness';

export type KafkaApi = {
  api: Api;
  prefix: string;
  topics: TopicNames;
  /** A client of the same broker, as a partner system or an observer in the test. */
  messaging: KafkaMessaging;
  /**
   * Publishes as a partner system would (idempotent, acks=all), signing as the test hub every message
   * that does not already carry a partner header.
   */
  partner: MessagePublisher;
  /** Sends one JSON (or raw string) message as a partner would, signed as `as` (default: the test hub). */
  send: (topic: string, value: unknown, key?: string, as?: TestPartnerName | 'unsigned') => Promise<void>;
  integration: () => Promise<IntegrationHealthBody>;
  close: () => Promise<void>;
};

export type IntegrationHealthBody = {
  kafka: string;
  connected: boolean;
  relay: { state: string; position: number; eventsBehind: number; published: number };
  gateway?: {
    state: string;
    handled: number;
    created: number;
    duplicates: number;
    recorded: number;
    deadLettered: number;
    lastError?: string;
  };
  waitingTimes?: { lastRunAt?: string; published?: number };
};

/** Kafka settings of an API under test: the real broker and topic/group names no other run shares. */
export const kafkaEnv = (prefix: string): Record<string, string> => ({
  KAFKA_BROKERS: kafkaTestBrokers(),
  KAFKA_CLIENT_ID: 'referral-api-int-spec',
  KAFKA_TOPIC_PREFIX: prefix,
  KAFKA_REPORT_INTERVAL_MS: '300',
  INTEGRATION_PARTNERS: testPartnersEnv(),
  // KAFKA_TEST_LOG_LEVEL=warn shows the relay's and gateway's retries when a test needs explaining.
  ...(process.env.KAFKA_TEST_LOG_LEVEL ? { LOG_LEVEL: process.env.KAFKA_TEST_LOG_LEVEL } : {}),
});

/** The whole API with the relay and gateway running in-process against the real broker, once its topics exist. */
export async function startApiWithKafka(
  label: string,
  dataDir?: string,
  prefix = uniqueKafkaPrefix(label),
  env: Record<string, string> = {},
): Promise<KafkaApi> {
  const api = await startApi({ ...kafkaEnv(prefix), ...env }, dataDir);
  const messaging = new KafkaMessaging({
    brokers: kafkaTestBrokers().split(','),
    clientId: `${label}-partner`,
  });
  const partner = signingPublisher(messaging.publisher());
  const integration = async () =>
    (await api.http().get('/health/integration').expect(200)).body as IntegrationHealthBody;
  await eventually(async () => expect((await integration()).connected).toBe(true), 30_000, 100);
  return {
    api,
    prefix,
    topics: topicNames(prefix),
    messaging,
    partner,
    integration,
    // A partner retries a send the broker did not acknowledge (e.g. just after a restart), as any producer should.
    send: (topic, value, key, as = 'hub') => {
      const message = {
        topic,
        key: key ?? null,
        value: typeof value === 'string' ? value : JSON.stringify(value),
      };
      const headers = as === 'unsigned' ? { unsigned: '1' } : signedAs(as, message);
      return eventually(() => partner.publish([{ ...message, headers }]), 30_000, 500);
    },
    close: async () => {
      await partner.close();
      await api.close();
      await deleteKafkaTopics(prefix).catch(() => undefined);
    },
  };
}

/** A publisher that signs, as the test hub, each message without a partner header of its own. */
function signingPublisher(inner: MessagePublisher): MessagePublisher {
  return {
    publish: (messages) =>
      inner.publish(
        messages.map((m) => {
          if (m.headers?.[PARTNER_ID_HEADER] !== undefined || m.headers?.unsigned !== undefined) return m;
          return { ...m, headers: { ...m.headers, ...signedAs('hub', m) } };
        }),
      ),
    close: () => inner.close(),
  };
}
