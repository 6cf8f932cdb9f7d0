import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const APPEND_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

type ScrapeHook = () => Promise<void>;

/**
 * Every Prometheus metric the API exposes, in one registry per app instance (no global registry, so
 * several apps in one process, as in tests, never share counters). Labels are bounded sets: route
 * templates, command types, outcomes, projection and topic names. Never ids or personal data.
 * docs/operations.md says what each one means and what to do when it alarms.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly scrapeHooks: ScrapeHook[] = [];

  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from request to response, by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly httpInFlight = new Gauge({
    name: 'http_requests_in_flight',
    help: 'Requests received and not yet answered',
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'http_rate_limited_total',
    help: 'Write requests refused with 429 because the client exceeded its rate limit, by route template',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });

  readonly rateLimitedReads = new Counter({
    name: 'http_rate_limited_reads_total',
    help: 'Read requests refused with 429 because the client exceeded its read rate limit, by route template',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });

  readonly masterKeyMismatches = new Counter({
    name: 'personal_data_master_key_mismatch_total',
    help: "Requests refused because this instance's DATA_KEY_MASTER is not the master key of the stored data keys",
    registers: [this.registry],
  });

  readonly commands = new Counter({
    name: 'referral_commands_total',
    help: 'Referral commands decided, by command type and outcome',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'event_store_append_duration_seconds',
    help: "Time the storage engine takes to append one command's events, by engine and outcome",
    labelNames: ['store', 'outcome'] as const,
    buckets: APPEND_BUCKETS,
    registers: [this.registry],
  });

  readonly eventStoreUp = new Gauge({
    name: 'event_store_up',
    help: '1 when the event store answered the last scrape, 0 when it did not',
    registers: [this.registry],
  });

  readonly readModelStoreUp = new Gauge({
    name: 'read_model_store_up',
    help: '1 when the read-model database answered the last scrape, 0 when it did not',
    registers: [this.registry],
  });

  readonly projectionLagEvents = new Gauge({
    name: 'projection_lag_events',
    help: 'Events stored but not yet applied by the projection',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  readonly projectionLagSeconds = new Gauge({
    name: 'projection_lag_seconds',
    help: 'Age of the oldest event the projection has not yet applied (0 when caught up)',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  readonly projectionFailed = new Gauge({
    name: 'projection_failed',
    help: '1 when the projection stopped at an event it could not apply',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  /** For the Kafka integration: messages written to a dead-letter topic, by source topic and reason. */
  readonly deadLetters = new Counter({
    name: 'integration_dead_letters_total',
    help: 'Inbound messages sent to a dead-letter topic, by source topic and reason',
    labelNames: ['topic', 'reason'] as const,
    registers: [this.registry],
  });

  /** For the Kafka integration: events in the store the outbound relay has not yet published. */
  readonly relayLagEvents = new Gauge({
    name: 'integration_relay_lag_events',
    help: 'Events stored but not yet published to Kafka by the relay',
    labelNames: ['relay'] as const,
    registers: [this.registry],
  });

  /** For the Kafka integration: 1 while the gateway in this process keeps failing on one message and retrying it. */
  readonly gatewayRetrying = new Gauge({
    name: 'integration_gateway_retrying',
    help: '1 while the inbound gateway is retrying a message it failed to apply (its partition waits behind it)',
    registers: [this.registry],
  });

  /** For the Kafka integration: 1 while the broker answers this process's health question, else 0. */
  readonly brokerConnected = new Gauge({
    name: 'integration_kafka_connected',
    help: '1 while the Kafka broker answered the last health check of this process, 0 otherwise',
    registers: [this.registry],
  });

  /** For the Kafka integration: each consumer's state (1 for the state it is in) and its crashes. */
  readonly consumerState = new Gauge({
    name: 'integration_consumer_state',
    help: 'Inbound consumer state: 1 for the state the consumer is in (starting, running, retrying, restarting, stopped)',
    labelNames: ['consumer', 'state'] as const,
    registers: [this.registry],
  });

  readonly consumerCrashes = new Gauge({
    name: 'integration_consumer_crashes',
    help: 'Times the inbound consumer crashed for good and was replaced since the process started',
    labelNames: ['consumer'] as const,
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Runs before every scrape, to read values that are cheaper to ask for than to track (lag, store health). */
  onScrape(hook: ScrapeHook): void {
    this.scrapeHooks.push(hook);
  }

  /** The exposition text; a failing hook leaves its gauges as they were rather than failing the scrape. */
  async render(): Promise<string> {
    await Promise.allSettled(this.scrapeHooks.map((hook) => hook()));
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
