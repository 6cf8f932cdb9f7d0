export { IntegrationRelay, RELAY_CHECKPOINT } from './integration-relay';
export type { RelayDeps, RelayStatus } from './integration-relay';
export { WaitingTimesPublisher } from './waiting-times.publisher';
export type { WaitingTimesDeps } from './waiting-times.publisher';
export { ReadModelRelayState } from './relay-state.store';
export type { RelayState } from './relay-state.store';
export { RELAYED_EVENTS } from './outbound-messages';
export { relayTopics } from './relay-topics';
export { superviseRelay, RELAY_LEASE } from './supervise-relay';
