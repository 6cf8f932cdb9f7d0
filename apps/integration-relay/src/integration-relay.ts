import type { TopicNames } from '@app/contracts';
import type { EventStore, StoredEvent } from '@app/event-store';
import { backoffMs, errorText, pause } from '@app/messaging';
import type { MessagePublisher, MessagingLog, OutboundMessage } from '@app/messaging';
import { OutboundMessages } from './outbound-messages';
import type { RelayState } from './relay-state.store';

export const RELAY_CHECKPOINT = 'integration-relay.outbound';

export type RelayStatus = {
  state: 'idle' | 'running' | 'retrying' | 'failed' | 'stopped';
  /** The position of the last event whose messages the broker acknowledged. */
  position: number;
  published: number;
  lastError?: string;
  /** An event that could not be turned into messages; the relay stops there and never skips it. */
  failure?: { position: number; eventType: string };
};

export type RelayDeps = {
  store: EventStore;
  state: RelayState;
  publisher: MessagePublisher;
  topics: TopicNames;
  log: MessagingLog;
  clock: () => string;
  batchSize?: number;
};

/**
 * The outbox relay: follows the event store from its checkpoint, publishes the messages of each batch,
 * and moves the checkpoint only after the broker acknowledged all of them. A failed publish is retried
 * with backoff, the same messages again, until it succeeds; so after a crash or an outage a message may
 * be published twice, always with the same eventId header, and is never lost.
 */
export class IntegrationRelay {
  private current: RelayStatus = { state: 'idle', position: 0, published: 0 };
  private readonly messages: OutboundMessages;

  constructor(private readonly deps: RelayDeps) {
    this.messages = new OutboundMessages(deps.store, deps.topics);
  }

  status(): RelayStatus {
    return { ...this.current };
  }

  /** The stored checkpoint: everything at or before it has been acknowledged by the broker. */
  checkpoint(): Promise<number> {
    return this.deps.state.checkpoint(RELAY_CHECKPOINT);
  }

  async run(signal: AbortSignal): Promise<void> {
    const start = await this.checkpoint();
    this.current = { ...this.current, state: 'running', position: start };
    for await (const batch of this.deps.store.follow(start, signal, this.deps.batchSize ?? 200)) {
      const messages = await this.messagesOf(batch);
      if (!(await this.publishUntilAcked(messages, signal))) break;
      const last = batch[batch.length - 1]!.position;
      await this.deps.state.saveCheckpoint(RELAY_CHECKPOINT, last, this.deps.clock());
      this.current = {
        ...this.current,
        state: 'running',
        position: last,
        published: this.current.published + messages.length,
      };
    }
    this.current = { ...this.current, state: 'stopped' };
  }

  private async messagesOf(batch: StoredEvent[]): Promise<OutboundMessage[]> {
    const out: OutboundMessage[] = [];
    for (const event of batch) {
      try {
        out.push(...(await this.messages.for(event)));
      } catch (error) {
        this.current = {
          ...this.current,
          state: 'failed',
          failure: { position: event.position, eventType: event.type },
          lastError: errorText(error),
        };
        this.deps.log('error', 'Relay stopped: an event could not be turned into messages', {
          position: event.position,
          eventType: event.type,
        });
        throw error;
      }
    }
    return out;
  }

  /** True once acknowledged; false if stopped first (the checkpoint then stays where it was). */
  private async publishUntilAcked(messages: OutboundMessage[], signal: AbortSignal): Promise<boolean> {
    for (let attempt = 0; !signal.aborted; attempt += 1) {
      try {
        // Stopping does not wait for a send that may take seconds during an outage; its messages are republished next run.
        return await untilAborted(this.deps.publisher.publish(messages), signal);
      } catch (error) {
        this.current = { ...this.current, state: 'retrying', lastError: errorText(error) };
        this.deps.log('warn', 'Publish not acknowledged; retrying the same messages', {
          messages: messages.length,
          attempt,
          error: errorText(error),
        });
        await pause(backoffMs(attempt, 250, 5000), signal);
      }
    }
    return false;
  }
}

/** True when `work` resolves first, false when `signal` aborts first (a later rejection of `work` is ignored). */
function untilAborted(work: Promise<void>, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.resolve(false);
  }
  return new Promise<boolean>((resolve, reject) => {
    const stop = (): void => {
      work.catch(() => undefined);
      resolve(false);
    };
    signal.addEventListener('abort', stop, { once: true });
    void work.then(() => resolve(true), reject).finally(() => signal.removeEventListener('abort', stop));
  });
}
