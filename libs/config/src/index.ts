export { loadConfig, ConfigError, APP_CONFIG } from './config';
export type {
  AppConfig,
  AuditConfig,
  AuthConfig,
  DashboardConfig,
  DashboardOidcConfig,
  IntegrationPartner,
  KafkaConfig,
  NodeEnv,
  OidcConfig,
  PartnerHandoffTarget,
} from './config';
export type { EventStoreConfig, ReadModelStoreConfig, PostgresConfig, SharedStateConfig } from './config';
export { secureDataDir } from './data-dir';
export { answerHelp, CONFIGURATION_HINT } from './cli-help';
export { lowEntropy } from './config.auth';
export { HANDOFF_FORMATS } from './config.kafka';
export type { HandoffFormat } from './config.kafka';
