export { composeIntegration, relayLag } from './compose-integration';
export type { BrokerStatus } from './broker-watch';
export type {
  GatewayPart,
  Integration,
  IntegrationParts,
  IntegrationStatus,
  RelayPart,
} from './compose-integration';
export { GATEWAY_GROUP, IntegrationGateway } from './gateway/integration-gateway';
export type { GatewayDeps, GatewayStatus } from './gateway/integration-gateway';
export type { GatewayClock } from './gateway/message-origin';
export { IntegrationRelay, RELAY_CHECKPOINT } from './relay/integration-relay';
export type { RelayDeps, RelayStatus } from './relay/integration-relay';
export { RELAYED_EVENTS } from './relay/outbound-messages';
export { ReadModelRelayState } from './relay/relay-state.store';
export type { RelayState } from './relay/relay-state.store';
export { relayTopics } from './relay/relay-topics';
export { RELAY_LEASE, superviseRelay } from './relay/supervise-relay';
export { WaitingTimesPublisher } from './relay/waiting-times.publisher';
export type { WaitingTimesDeps } from './relay/waiting-times.publisher';
export { processClock, processLog, untilSignalled } from './process';
export { InboundMessages } from './gateway/inbound-messages';
export type { InboundResult } from './gateway/inbound-messages';
export { DeadLetters } from './dlq/dead-letters';
export type { DeadLetterView, ReplayResult } from './dlq/dead-letters';
