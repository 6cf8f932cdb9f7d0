export { IntegrationGateway, GATEWAY_GROUP } from './integration-gateway';
export type { GatewayDeps, GatewayStatus } from './integration-gateway';
export type { GatewayClock } from './inbound-context';
