import { setImmediate } from 'node:timers/promises';
import type { TopicNames } from '@app/contracts';
import type { EventStore, StoredEvent } from '@app/event-store';
import { backoffMs, errorText, pause } from '@app/messaging';
import type { MessagePublisher, MessagingLog, OutboundMessage } from '@app/messaging';
import { OutboundMessages } from './outbound-messages';
import type { HandoffFormats } from './outbound-messages';
import { OutboundQueue } from './outbound-queue';
import type { SendLimits } from './outbound-queue';
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
  /** Events read from the store at a time. Default 250. */
  batchSize?: number;
  /** What one publish carries at most. Default 1,000 messages, 512 KiB. */
  sendLimits?: SendLimits;
  /** Referrals kept folded between their events (`FoldedReferrals`). Default 2,000. */
  foldedReferrals?: number;
  /** How each handoff target takes its handoffs (native JSON, FHIR R4, both). Default native. */
  handoffFormats?: HandoffFormats;
};

const SEND_LIMITS: SendLimits = { messages: 1000, bytes: 512 * 1024 };
const YIELD_EVERY_MS = 20;

/**
 * The outbox relay: follows the event store from its checkpoint, publishes the messages of the events
 * it read, and moves the checkpoint only after the broker acknowledged all of them. Reading and
 * publishing overlap: while one publish is in flight the next events are read and turned into
 * messages, and the next publish takes everything queued, so a backlog goes out in large batches
 * and a single live event alone. One publish is in flight at a time and the checkpoint follows them
 * in order. A failed publish is retried with backoff, the same messages, until it succeeds; so after
 * a crash or an outage a message may be published twice, always with the same eventId header, and is
 * never lost.
 */
export class IntegrationRelay {
  private current: RelayStatus = { state: 'idle', position: 0, published: 0 };
  private readonly messages: OutboundMessages;

  constructor(private readonly deps: RelayDeps) {
    this.messages = new OutboundMessages(deps.store, deps.topics, deps.foldedReferrals, deps.handoffFormats);
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
    const limits = this.deps.sendLimits ?? SEND_LIMITS;
    const queue = new OutboundQueue(limits);
    // A sender that fails (the checkpoint could not be saved) stops the reader too.
    const senderEnded = new AbortController();
    const reading = AbortSignal.any([signal, senderEnded.signal]);
    const sending = this.send(queue, signal).finally(() => senderEnded.abort());
    try {
      await this.read(start, reading, queue, 2 * limits.messages);
    } finally {
      // Whatever was read before the reader stopped is still sent, unless the relay is stopping.
      queue.close();
      await sending;
    }
    if (this.current.state !== 'failed') this.current = { ...this.current, state: 'stopped' };
  }

  private async read(
    start: number,
    signal: AbortSignal,
    queue: OutboundQueue,
    highWater: number,
  ): Promise<void> {
    let yieldedAt = performance.now();
    for await (const batch of this.deps.store.follow(start, signal, this.deps.batchSize ?? 250)) {
      let queuedTo = 0;
      for (const event of batch) {
        const messages = await this.messagesOf(event);
        if (messages.length === 0) continue;
        queue.push({ messages, position: event.position });
        queuedTo = event.position;
      }
      // Events that send nothing still move the checkpoint, once what came before them is acknowledged.
      const last = batch[batch.length - 1]!.position;
      if (queuedTo !== last) queue.push({ messages: [], position: last });
      await queue.room(highWater, signal);
      // Reading, decrypting and building settle in promises only: let the process's I/O (HTTP, the
      // broker's answers) in every few milliseconds, or a backlog would hold the event loop for seconds.
      if (performance.now() - yieldedAt >= YIELD_EVERY_MS) {
        await setImmediate();
        yieldedAt = performance.now();
      }
    }
  }

  private async send(queue: OutboundQueue, signal: AbortSignal): Promise<void> {
    for (;;) {
      const next = await queue.take(signal);
      if (next === undefined || !(await this.publishUntilAcked(next.messages, signal))) return;
      await this.deps.state.saveCheckpoint(RELAY_CHECKPOINT, next.position, this.deps.clock());
      this.current = {
        ...this.current,
        state: this.current.state === 'retrying' ? 'running' : this.current.state,
        position: next.position,
        published: this.current.published + next.messages.length,
      };
    }
  }

  private async messagesOf(event: StoredEvent): Promise<OutboundMessage[]> {
    try {
      return await this.messages.for(event);
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
