import { ConfigError, loadConfig } from './config';

describe('Kafka configuration', () => {
  it('is absent without KAFKA_BROKERS: the app runs and handoffs wait', () => {
    expect(loadConfig({}).kafka).toBeUndefined();
    expect(loadConfig({ KAFKA_BROKERS: '  ' }).kafka).toBeUndefined();
  });

  it('reads brokers, client id, topic prefix and the report interval, with defaults', () => {
    expect(loadConfig({ KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092' }).kafka).toEqual({
      brokers: ['kafka-1:9092', 'kafka-2:9092'],
      clientId: 'cyp-social-prescribing',
      topicPrefix: '',
      ssl: false,
      sasl: undefined,
      topicPartitions: undefined,
      replicationFactor: undefined,
      reportIntervalMs: 60_000,
      healthIntervalMs: 5000,
      handoffFormats: { camhs: 'native', mhst: 'native', school: 'native' },
    });
    expect(
      loadConfig({
        KAFKA_BROKERS: '127.0.0.1:9092',
        KAFKA_TOPIC_PREFIX: 'staging.',
        KAFKA_REPLICATION_FACTOR: '3',
        KAFKA_SSL: 'true',
      }).kafka,
    ).toMatchObject({ topicPrefix: 'staging.', replicationFactor: 3, ssl: true });
    expect(loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092' }).runIntegration).toBe(true);
    expect(loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092', RUN_INTEGRATION: 'false' }).runIntegration).toBe(
      false,
    );
  });

  it('reads which targets get FHIR handoffs, refusing unknown targets and formats', () => {
    expect(
      loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092', HANDOFF_FORMATS: 'camhs=fhir-r4, school=both' }).kafka
        ?.handoffFormats,
    ).toEqual({ camhs: 'fhir-r4', mhst: 'native', school: 'both' });
    expect(() => loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092', HANDOFF_FORMATS: 'gp=fhir-r4' })).toThrow(
      'HANDOFF_FORMATS names gp, not one of camhs, mhst, school',
    );
    expect(() => loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092', HANDOFF_FORMATS: 'camhs=hl7v2' })).toThrow(
      'HANDOFF_FORMATS gives camhs the format hl7v2, not one of native, fhir-r4, both',
    );
  });

  it.each([
    [
      { KAFKA_BROKERS: 'kafka-1' },
      'KAFKA_BROKERS must be a comma-separated list of host:port, got "kafka-1"',
    ],
    [
      { KAFKA_BROKERS: 'kafka-1:99999' },
      'KAFKA_BROKERS must be a comma-separated list of host:port, got "kafka-1:99999"',
    ],
    [
      { KAFKA_BROKERS: 'k:9092', KAFKA_TOPIC_PREFIX: 'has space' },
      'KAFKA_TOPIC_PREFIX must be at most 100 letters, digits, ".", "_" or "-"',
    ],
    [
      { KAFKA_BROKERS: 'k:9092', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'svc' },
      'KAFKA_SASL_PASSWORD is required when KAFKA_SASL_MECHANISM=scram-sha-512',
    ],
    [
      { KAFKA_BROKERS: 'k:9092', KAFKA_REPORT_INTERVAL_MS: '10' },
      'KAFKA_REPORT_INTERVAL_MS must be between 100 and 86400000, got 10',
    ],
  ])('refuses %j with a message naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(`Invalid configuration: ${message}`);
  });
});
