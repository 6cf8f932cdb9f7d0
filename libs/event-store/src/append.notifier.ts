/**
 * Wakes followers waiting for new events. A sequence number closes the gap between
 * "read found nothing" and "started waiting": an append in between is not missed.
 */
export class AppendNotifier {
  private sequence = 0;
  private readonly waiters = new Set<() => void>();

  get current(): number {
    return this.sequence;
  }

  notify(): void {
    this.sequence += 1;
    for (const wake of [...this.waiters]) wake();
  }

  /**
   * Resolves when an append happened after `seen`, after `pollMs` (to notice other
   * processes), or when `signal` aborts; leaves no timer or listener behind.
   */
  wait(seen: number, pollMs: number, signal: AbortSignal): Promise<void> {
    if (this.sequence !== seen || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, pollMs);
      this.waiters.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }
}
