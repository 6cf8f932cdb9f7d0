/** A bounded map dropping the least recently used entry when full; entries may expire. */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; expiresAt: number }>();
  // Keys in use order; kept across evictions, since a fresh iterator walks past every key deleted
  // before it, which made each eviction O(n) once the cache was full (a rebuild's hot spot).
  private order: Iterator<K> = this.entries.keys();

  constructor(
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`Cache capacity must be a positive integer, got ${capacity}`);
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keeps `value` for `ttlMs` (forever when Infinity). */
  set(key: K, value: V, ttlMs: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    if (this.entries.size > this.capacity) this.evictOldest();
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.order = this.entries.keys();
  }

  get size(): number {
    return this.entries.size;
  }

  // Every key behind the iterator was evicted or moved ahead of it by a later use, so its next key is the oldest.
  private evictOldest(): void {
    let oldest = this.order.next();
    if (oldest.done) {
      this.order = this.entries.keys();
      oldest = this.order.next();
    }
    if (!oldest.done) this.entries.delete(oldest.value);
  }
}
