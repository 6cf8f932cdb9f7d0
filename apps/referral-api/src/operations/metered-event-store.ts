import { EventStoreUnavailableError, WrongExpectedVersionError } from '@app/event-store';
import type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadStreamOptions,
  StoredEvent,
} from '@app/event-store';
import type { Metrics } from './metrics';

/** Times each append of the storage engine (below the hash chain and encryption) by outcome. */
export class MeteredEventStore implements EventStore {
  constructor(
    private readonly engine: EventStore,
    private readonly metrics: Metrics,
    private readonly storeName: string,
  ) {}

  async append(stream: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    const end = this.metrics.appendDuration.startTimer({ store: this.storeName });
    try {
      const result = await this.engine.append(stream, events, expected);
      end({ outcome: 'ok' });
      return result;
    } catch (error) {
      end({ outcome: outcomeOf(error) });
      throw error;
    }
  }

  readStream(stream: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    return this.engine.readStream(stream, options);
  }

  readAll(after: number, batchSize: number): Promise<StoredEvent[]> {
    return this.engine.readAll(after, batchSize);
  }

  headPosition(): Promise<number> {
    return this.engine.headPosition();
  }

  follow(after: number, signal: AbortSignal, batchSize?: number): AsyncIterable<StoredEvent[]> {
    return this.engine.follow(after, signal, batchSize);
  }

  close(): Promise<void> {
    return this.engine.close();
  }
}

function outcomeOf(error: unknown): string {
  if (error instanceof WrongExpectedVersionError) return 'conflict';
  if (error instanceof EventStoreUnavailableError) return 'unavailable';
  return 'error';
}
