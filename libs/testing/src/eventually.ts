import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Retries `check` until it stops throwing or `timeoutMs` passes, then rethrows its last
 * error, for asserting on things that happen asynchronously (subscriptions, projections).
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = 5000,
  intervalMs = 10,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await sleep(intervalMs);
    }
  }
}
