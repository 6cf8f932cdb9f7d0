export { loadConfig, ConfigError, APP_CONFIG } from './config';
export type { AppConfig, AuditConfig, KafkaConfig, NodeEnv } from './config';
export type { EventStoreConfig, ReadModelStoreConfig, PostgresConfig, SharedStateConfig } from './config';
export { secureDataDir } from './data-dir';
