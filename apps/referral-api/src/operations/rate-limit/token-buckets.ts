export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

type Bucket = { tokens: number; at: number };

/**
 * One token bucket per client: `burst` requests at once, refilled at `perMinute`. Full buckets are the
 * same as absent ones, so they are dropped when the map grows past `maxClients` (then the least recently
 * used go), which bounds memory whatever keys callers invent.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    perMinute: number,
    private readonly burst: number,
    private readonly maxClients = 50_000,
  ) {
    this.perMs = perMinute / 60_000;
  }

  take(client: string, nowMs: number): RateDecision {
    const previous = this.buckets.get(client);
    const elapsed = previous ? Math.max(0, nowMs - previous.at) : 0;
    const tokens = previous ? Math.min(this.burst, previous.tokens + elapsed * this.perMs) : this.burst;
    this.buckets.delete(client);
    if (tokens < 1) {
      this.buckets.set(client, { tokens, at: nowMs });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)) };
    }
    this.buckets.set(client, { tokens: tokens - 1, at: nowMs });
    if (this.buckets.size > this.maxClients) this.evict(nowMs);
    return { allowed: true };
  }

  get size(): number {
    return this.buckets.size;
  }

  private evict(nowMs: number): void {
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + (nowMs - bucket.at) * this.perMs >= this.burst) this.buckets.delete(client);
    }
    for (const client of this.buckets.keys()) {
      if (this.buckets.size <= this.maxClients) break;
      this.buckets.delete(client);
    }
  }
}
