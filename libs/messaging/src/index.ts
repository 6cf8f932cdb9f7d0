export type {
  ConsumerGroup,
  ConsumerGroupOptions,
  ConsumerGroupStatus,
  InboundMessage,
  MessageHeaders,
  MessagePublisher,
  Messaging,
  MessagingLog,
  OutboundMessage,
  TopicSpec,
} from './messaging.port';
export { KafkaMessaging } from './kafka/kafka-messaging';
export type { KafkaConnection } from './kafka/kafka-options';
export { backoffMs, errorText, pause } from './backoff';
