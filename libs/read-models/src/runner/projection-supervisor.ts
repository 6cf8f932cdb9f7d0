import { setTimeout as sleep } from 'node:timers/promises';
import { soleInstance } from './leadership';
import type { Leadership } from './leadership';
import type { ProjectionRunner } from './projection-runner';

const MAX_RETRY_MS = 30_000;

export type SupervisorOptions = {
  /** Which instance runs each projection; by default this one always does. */
  leadership?: Leadership;
  /** Pause before running again after a failure that is not the projection's (a store went away). Default 1000. */
  retryMs?: number;
  /** Told of each such failure; the projection is restarted from its checkpoint afterwards. */
  onInterrupted?: (projection: string, error: unknown) => void;
};

/**
 * Keeps one projection running until `signal` aborts: only while this instance leads it, and
 * restarted from its checkpoint after a database goes away and comes back. An event the
 * projection itself cannot apply stops it for good (state `failed`); it is never skipped.
 */
export async function superviseProjection(
  runner: ProjectionRunner<unknown>,
  signal: AbortSignal,
  options: SupervisorOptions = {},
): Promise<void> {
  const leadership = options.leadership ?? soleInstance;
  const name = runner.current().name;
  const retryMs = options.retryMs ?? 1000;
  let delay = retryMs;
  while (!signal.aborted) {
    const lease = await leadership.acquire(name, signal);
    if (lease === null) return;
    const from = runner.current().position;
    try {
      await runner.run(AbortSignal.any([signal, lease.lost]));
    } catch (error) {
      options.onInterrupted?.(name, error);
    } finally {
      await lease.release();
    }
    if (runner.current().state === 'failed') return;
    // A failure that repeats without progress (an outage, or a row the database refuses) backs off to 30 s.
    delay = runner.current().position > from ? retryMs : Math.min(delay * 2, MAX_RETRY_MS);
    await sleep(delay, undefined, { signal }).catch(() => undefined);
  }
}
