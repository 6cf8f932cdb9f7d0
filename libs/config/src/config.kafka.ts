import { ConfigError, integer, oneOf } from './config.values';
import type { Env } from './config.values';

/** How the apps reach Kafka and name what they create there. */
export type KafkaConfig = {
  brokers: string[];
  clientId: string;
  /** Prepended to every topic and consumer group name, e.g. `staging.`; empty by default. */
  topicPrefix: string;
  ssl: boolean;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  /** Partitions and replication factor of topics the apps create; undefined uses the broker's defaults. */
  topicPartitions?: number;
  replicationFactor?: number;
  /** How often the commissioner waiting-time rows are recomputed and published when changed. */
  reportIntervalMs: number;
  /** How each handoff target receives its handoffs: native JSON, FHIR R4 message Bundles, or both (HANDOFF_FORMATS). */
  handoffFormats: Record<HandoffTargetName, HandoffFormat>;
  /** How often the integration asks the broker whether it answers (health and metrics report the answer). */
  healthIntervalMs: number;
};

export const HANDOFF_FORMATS = ['native', 'fhir-r4', 'both'] as const;
export type HandoffFormat = (typeof HANDOFF_FORMATS)[number];
type HandoffTargetName = 'camhs' | 'mhst' | 'school';

/** `HANDOFF_FORMATS=camhs=fhir-r4,school=both`: targets not named get native JSON. */
function handoffFormats(raw: string | undefined): Record<HandoffTargetName, HandoffFormat> {
  const formats: Record<HandoffTargetName, HandoffFormat> = {
    camhs: 'native',
    mhst: 'native',
    school: 'native',
  };
  for (const pair of (raw ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [target, format] = pair.split('=').map((p) => p.trim());
    if (!(target === 'camhs' || target === 'mhst' || target === 'school'))
      throw new ConfigError('HANDOFF_FORMATS', `names ${target ?? ''}, not one of camhs, mhst, school`);
    if (!(HANDOFF_FORMATS as readonly string[]).includes(format ?? ''))
      throw new ConfigError(
        'HANDOFF_FORMATS',
        `gives ${target} the format ${format ?? ''}, not one of ${HANDOFF_FORMATS.join(', ')}`,
      );
    formats[target] = format as HandoffFormat;
  }
  return formats;
}

const BROKER = /^[A-Za-z0-9.-]+:(\d{1,5})$/;
const KAFKA_NAME = /^[A-Za-z0-9._-]*$/;

export function kafkaConfig(env: Env): KafkaConfig | undefined {
  const raw = env.KAFKA_BROKERS?.trim();
  if (!raw) return undefined;
  const brokers = kafkaBrokers(raw);
  const clientId = env.KAFKA_CLIENT_ID || 'cyp-social-prescribing';
  if (!KAFKA_NAME.test(clientId) || clientId.length > 100)
    throw new ConfigError('KAFKA_CLIENT_ID', 'must be 1-100 letters, digits, ".", "_" or "-"');
  const topicPrefix = env.KAFKA_TOPIC_PREFIX ?? '';
  if (!KAFKA_NAME.test(topicPrefix) || topicPrefix.length > 100)
    throw new ConfigError('KAFKA_TOPIC_PREFIX', 'must be at most 100 letters, digits, ".", "_" or "-"');
  const sasl = kafkaSasl(env);
  const optional = (name: string, min: number, max: number) =>
    env[name] ? integer(env, name, 0, min, max) : undefined;
  return {
    brokers,
    clientId,
    topicPrefix,
    ssl: oneOf(env, 'KAFKA_SSL', ['true', 'false'] as const, 'false') === 'true',
    sasl,
    topicPartitions: optional('KAFKA_TOPIC_PARTITIONS', 1, 1000),
    replicationFactor: optional('KAFKA_REPLICATION_FACTOR', 1, 10),
    reportIntervalMs: integer(env, 'KAFKA_REPORT_INTERVAL_MS', 60_000, 100, 86_400_000),
    healthIntervalMs: integer(env, 'KAFKA_HEALTH_INTERVAL_MS', 5000, 100, 600_000),
    handoffFormats: handoffFormats(env.HANDOFF_FORMATS),
  };
}

function kafkaBrokers(raw: string): string[] {
  const brokers = raw.split(',').map((b) => b.trim());
  for (const broker of brokers) {
    const port = Number(BROKER.exec(broker)?.[1] ?? 0);
    if (port < 1 || port > 65535)
      throw new ConfigError('KAFKA_BROKERS', `must be a comma-separated list of host:port, got "${broker}"`);
  }
  return brokers;
}

function kafkaSasl(env: Env): KafkaConfig['sasl'] {
  const mechanism = oneOf(
    env,
    'KAFKA_SASL_MECHANISM',
    ['plain', 'scram-sha-256', 'scram-sha-512', 'none'] as const,
    'none',
  );
  if (mechanism === 'none') return undefined;
  const { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = env;
  if (!username)
    throw new ConfigError('KAFKA_SASL_USERNAME', `is required when KAFKA_SASL_MECHANISM=${mechanism}`);
  if (!password)
    throw new ConfigError('KAFKA_SASL_PASSWORD', `is required when KAFKA_SASL_MECHANISM=${mechanism}`);
  return { mechanism, username, password };
}
