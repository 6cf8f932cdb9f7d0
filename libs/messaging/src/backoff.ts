/** Waits `ms`, or less if `signal` aborts; never rejects and leaves no timer behind. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Exponential backoff from `initialMs` doubling up to `maxMs`, for the n-th consecutive failure (0-based). */
export const backoffMs = (attempt: number, initialMs = 200, maxMs = 5000): number =>
  Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 16));

/** Error text for logs: the error's name and message, never a payload. */
export const errorText = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
