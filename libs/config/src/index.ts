export { loadConfig, ConfigError, APP_CONFIG } from './config';
export type { AppConfig, NodeEnv } from './config';
