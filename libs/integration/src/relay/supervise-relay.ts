import { errorText, pause } from '@app/messaging';
import type { MessagingLog } from '@app/messaging';
import type { Leadership } from '@app/read-models';
import type { IntegrationRelay } from './integration-relay';
import type { WaitingTimesPublisher } from './waiting-times.publisher';

/** The lock one relay holds at a time when several instances share the stores. */
export const RELAY_LEASE = 'integration-relay';

/**
 * Runs the relay and the waiting-time publisher while this instance holds the relay lease (always,
 * on the embedded store), restarting them from the checkpoint after a store outage, until `signal`
 * aborts. An event the relay cannot turn into messages stops it for good; it is never skipped.
 */
export async function superviseRelay(
  relay: IntegrationRelay,
  reports: WaitingTimesPublisher,
  options: { leadership: Leadership; signal: AbortSignal; reportIntervalMs: number; log: MessagingLog },
): Promise<void> {
  const { leadership, signal, log } = options;
  while (!signal.aborted) {
    const lease = await leadership.acquire(RELAY_LEASE, signal);
    if (lease === null) return;
    // The publisher stops with the relay, whichever way the relay stops.
    const relayEnded = new AbortController();
    const leading = AbortSignal.any([signal, lease.lost, relayEnded.signal]);
    try {
      const [relayRun] = await Promise.allSettled([
        relay.run(leading).finally(() => relayEnded.abort()),
        reports.run(leading, options.reportIntervalMs),
      ]);
      if (relayRun.status === 'rejected' && relay.status().state !== 'failed') {
        log('warn', 'Relay interrupted; resuming from its checkpoint', { error: errorText(relayRun.reason) });
      }
    } finally {
      await lease.release();
    }
    if (relay.status().state === 'failed') return;
    await pause(1000, signal);
  }
}
