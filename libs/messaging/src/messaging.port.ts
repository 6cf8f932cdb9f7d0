/** Header values are strings; binary headers are not used by any contract. */
export type MessageHeaders = Record<string, string>;

/** A message to publish. `key` decides the partition, so one key keeps its order. */
export type OutboundMessage = {
  topic: string;
  key: string | Buffer | null;
  value: string | Buffer | null;
  headers?: MessageHeaders;
};

/** A message as consumed, with where it came from. `timestamp` is milliseconds since the epoch. */
export type InboundMessage = {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: MessageHeaders;
  timestamp: string;
};

/** Publishes with an idempotent producer; resolves only when every message is acknowledged by all in-sync replicas. */
export interface MessagePublisher {
  publish(messages: OutboundMessage[]): Promise<void>;
  close(): Promise<void>;
}

export type ConsumerGroupOptions = {
  groupId: string;
  topics: string[];
  /** Where a group without committed offsets starts; default true (earliest), so nothing sent before the first start is missed. */
  fromBeginning?: boolean;
  /**
   * Handles one message. Its offset is committed only after this resolves; a throw retries the same
   * message with backoff (the partition waits), so a message is never skipped. `signal` aborts on stop.
   */
  handle: (message: InboundMessage, signal: AbortSignal) => Promise<void>;
  /** How many partitions are handled at once; messages of one partition are always handled in order. */
  partitionsConcurrently?: number;
};

export type ConsumerGroupStatus = {
  state: 'starting' | 'running' | 'retrying' | 'restarting' | 'stopped';
  handled: number;
  lastError?: string;
  /** How many times a consumer of this member crashed for good and was replaced. */
  crashes?: number;
  lastCrashAt?: string;
};

/** A running consumer group member; `stop` leaves the group without committing unfinished messages. */
export interface ConsumerGroup {
  status(): ConsumerGroupStatus;
  /** Resolves once this member has joined the group and has its partitions (or after `timeoutMs`). */
  joined(timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

/** A topic the apps need; `compacted` keeps the latest message per key. */
export type TopicSpec = { name: string; compacted?: boolean; retentionMs?: number };

/** Structured logging the adapter reports through; never given message contents. */
export type MessagingLog = (
  level: 'debug' | 'info' | 'warn' | 'error',
  message: string,
  fields?: Record<string, unknown>,
) => void;

/** The messaging port: the only way apps reach the broker. */
export interface Messaging {
  publisher(): MessagePublisher;
  consume(options: ConsumerGroupOptions): ConsumerGroup;
  /** Creates missing topics (existing ones are left as they are). */
  ensureTopics(topics: TopicSpec[]): Promise<void>;
  listTopics(): Promise<string[]>;
  /** Deletes topics and everything in them, e.g. a test run's own. */
  deleteTopics(names: string[]): Promise<void>;
  /** Resolves when a broker answers within `timeoutMs`, rejects with the reason otherwise. */
  probe(timeoutMs: number): Promise<void>;
}
