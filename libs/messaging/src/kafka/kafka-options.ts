import { logLevel } from 'kafkajs';
import type { KafkaConfig as KafkaJsConfig, LogEntry, SASLOptions } from 'kafkajs';
import type { MessagingLog } from '../messaging.port';

/** What the Kafka adapter needs; mirrors `KafkaConfig` of @app/config without depending on it. */
export type KafkaConnection = {
  brokers: string[];
  clientId: string;
  ssl?: boolean;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  /** Partitions and replication factor of created topics; undefined uses the broker's defaults. */
  topicPartitions?: number;
  replicationFactor?: number;
};

const LEVELS: Record<number, 'debug' | 'info' | 'warn' | 'error'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

// Retries of the idempotent producer are bounded on purpose (see KafkaPublisher): callers retry, duplicates keep their eventId.
const EXPECTED = ['Limiting retries for the idempotent producer'];

/**
 * kafkajs options: short connection timeouts so an outage is noticed quickly (callers retry),
 * and its log lines routed to `log` with namespace and error text only.
 */
export function kafkaJsConfig(connection: KafkaConnection, log: MessagingLog, retries = 5): KafkaJsConfig {
  return {
    brokers: connection.brokers,
    clientId: connection.clientId,
    ssl: connection.ssl ?? false,
    // The three mechanisms offered all take a username and password.
    sasl: connection.sasl as SASLOptions | undefined,
    connectionTimeout: 3000,
    requestTimeout: 15_000,
    retry: { initialRetryTime: 200, maxRetryTime: 2000, retries },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const { message, error, groupId, topic } = entry.log as {
        message: string;
        error?: string;
        groupId?: string;
        topic?: string;
      };
      if (EXPECTED.some((text) => message.startsWith(text))) return;
      log(LEVELS[entry.level] ?? 'info', `kafka: ${message}`, {
        namespace: entry.namespace,
        error,
        groupId,
        topic,
      });
    },
  };
}
