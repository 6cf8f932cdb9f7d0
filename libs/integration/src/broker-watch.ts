import { errorText, pause } from '@app/messaging';

/** Whether the broker answered the last time it was asked, and when it last did. */
export type BrokerStatus = {
  connected: boolean;
  /** When the broker last answered (ISO 8601). */
  lastContactAt?: string;
  /** When it was last asked. */
  checkedAt?: string;
  /** Why the last question went unanswered, while it is down. */
  lastError?: string;
};

/**
 * Asks the broker every `intervalMs` whether it answers (a metadata request with a short timeout),
 * until `signal` aborts, and reports each answer: health says `connected: false` within one interval
 * of the broker going away, whatever the consumer and producer are doing.
 */
export async function watchBroker(
  probe: (timeoutMs: number) => Promise<void>,
  intervalMs: number,
  signal: AbortSignal,
  report: (status: BrokerStatus) => void,
  now: () => string = () => new Date().toISOString(),
): Promise<void> {
  const timeoutMs = Math.max(100, Math.min(2000, intervalMs));
  let last: BrokerStatus = { connected: true, lastContactAt: now(), checkedAt: now() };
  report(last);
  while (!signal.aborted) {
    await pause(intervalMs, signal);
    if (signal.aborted) return;
    const checkedAt = now();
    last = await probe(timeoutMs).then(
      () => ({ connected: true, lastContactAt: checkedAt, checkedAt }),
      (error: unknown) => ({
        connected: false,
        lastContactAt: last.lastContactAt,
        checkedAt,
        lastError: errorText(error),
      }),
    );
    report(last);
  }
}
