import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EventStore, StoredEvent } from '../event-store.port';
import { eventLeaf, leafHash, nodeHash, rootOf } from './merkle';
import type { Leaves } from './merkle';

const HASH = 32;
/** The size of the complete subtrees whose roots the log keeps (32 bytes per 1,024 events). */
const BLOCK = 1024;

/**
 * A stream's place in the log: its events' leaf indexes by version and, once computed, its digest and
 * its entry in the signed stream list as canonical JSON text (`"name":{"digest":"…","version":n}`).
 */
type StreamEntry = { leaves: number[]; version: number; digest?: string; entry?: string };

/**
 * The Merkle tree over every stored event in position order (RFC 9162, `merkle.ts`), grown one event
 * at a time: leaf hashes packed in one buffer, the root kept as the frontier of complete subtrees (so
 * adding an event and asking for the root cost O(log n)), and a digest per stream over its leaves in
 * version order, recomputed only for streams that changed.
 */
export class EventLog implements Leaves {
  private hashes = Buffer.alloc(HASH * 1024);
  private count = 0;
  /** Roots of the complete subtrees covering the log, left to right, with their sizes. */
  private readonly frontier: { size: number; hash: Buffer }[] = [];
  private readonly positions: number[] = [];
  /** Roots of the complete subtrees of leaves [i*BLOCK, (i+1)*BLOCK), as they are completed. */
  private readonly blocks: Buffer[] = [];
  private readonly streams = new Map<string, StreamEntry>();
  private readonly changed = new Set<string>();
  /** Stream names in code-unit order, and those added since it was last ordered. */
  private readonly ordered: string[] = [];
  private unordered: string[] = [];

  /** The number of leaves (events) in the log. */
  get length(): number {
    return this.count;
  }

  /** Leaf `index`'s hash. */
  at(index: number): Buffer | undefined {
    return index >= 0 && index < this.count ? this.leaf(index) : undefined;
  }

  /** The position of the last event in the log, 0 when empty. */
  get lastPosition(): number {
    return this.positions[this.count - 1] ?? 0;
  }

  add(event: StoredEvent): void {
    const leaf = leafHash(eventLeaf(event));
    if ((this.count + 1) * HASH > this.hashes.length) {
      const grown = Buffer.alloc(this.hashes.length * 2);
      this.hashes.copy(grown);
      this.hashes = grown;
    }
    leaf.copy(this.hashes, this.count * HASH);
    const index = this.count++;
    this.positions.push(event.position);
    this.frontier.push({ size: 1, hash: leaf });
    for (
      let n = this.frontier.length;
      n >= 2 && this.frontier[n - 1]!.size === this.frontier[n - 2]!.size;
      n--
    ) {
      const right = this.frontier.pop()!;
      const left = this.frontier.pop()!;
      const merged = { size: left.size * 2, hash: nodeHash(left.hash, right.hash) };
      if (merged.size === BLOCK) this.blocks.push(merged.hash);
      this.frontier.push(merged);
    }
    let entry = this.streams.get(event.stream);
    if (entry === undefined) {
      entry = { leaves: [], version: 0 };
      this.streams.set(event.stream, entry);
      this.unordered.push(event.stream);
    }
    entry.leaves[event.version] = index;
    entry.version = Math.max(entry.version, event.version);
    entry.digest = undefined;
    entry.entry = undefined;
    this.changed.add(event.stream);
  }

  /**
   * Reads what the store holds after the log's last position, up to `maxSize` events in all. Hashing is
   * CPU work (about 30 s for a million events on this machine, when an instance starts): the event loop
   * gets a turn after each batch, so requests are answered meanwhile (an embedded store's reads never
   * wait for I/O, so nothing else would let them in).
   */
  async catchUp(store: EventStore, maxSize = Number.MAX_SAFE_INTEGER, batchSize = 2000): Promise<number> {
    const before = this.count;
    while (this.count < maxSize) {
      const batch = await store.readAll(this.lastPosition, Math.min(batchSize, maxSize - this.count));
      if (batch.length === 0) break;
      for (const event of batch) this.add(event);
      await nextTurn();
    }
    return this.count - before;
  }

  /** The kept root of a complete, aligned block of leaves, if `from`/`size` name one. */
  completeRoot(from: number, size: number): Buffer | undefined {
    return size === BLOCK && from % BLOCK === 0 ? this.blocks[from / BLOCK] : undefined;
  }

  /** MTH of the first `size` leaves; the whole log's root from the frontier. */
  root(size = this.count): Buffer {
    if (size !== this.count) return rootOf(this, 0, size);
    let root: Buffer | undefined;
    for (let i = this.frontier.length - 1; i >= 0; i--)
      root = root === undefined ? this.frontier[i]!.hash : nodeHash(this.frontier[i]!.hash, root);
    return root ?? rootOf(this, 0, 0);
  }

  /**
   * Each stream's last version and SHA-256 over its leaves in version order, the history as replayed
   * (a missing version counts as empty), by stream name in code-unit order.
   */
  streamDigests(): Record<string, { version: number; digest: string }> {
    const out: Record<string, { version: number; digest: string }> = {};
    for (const stream of this.orderedStreams()) {
      const entry = this.streams.get(stream)!;
      out[stream] = { version: entry.version, digest: entry.digest! };
    }
    return out;
  }

  /**
   * The entries of `canonicalJson(streamDigests())`, in order, without building that object: each
   * stream's text is kept until the stream changes, so a checkpoint of hundreds of thousands of
   * streams costs what changed since the last one, not the whole list again.
   */
  streamEntries(): string[] {
    const names = this.orderedStreams();
    const out = new Array<string>(names.length);
    for (let i = 0; i < names.length; i++) {
      const entry = this.streams.get(names[i]!)!;
      entry.entry ??= `${JSON.stringify(names[i])}:{"digest":"${entry.digest!}","version":${entry.version}}`;
      out[i] = entry.entry;
    }
    return out;
  }

  /** Every stream's name in code-unit order, with the digests of changed streams recomputed. */
  private orderedStreams(): readonly string[] {
    for (const stream of this.changed) {
      const entry = this.streams.get(stream)!;
      const hash = createHash('sha256');
      for (let v = 1; v <= entry.version; v++) {
        const index = entry.leaves[v];
        if (index !== undefined) hash.update(this.leaf(index));
      }
      entry.digest = hash.digest('hex');
    }
    this.changed.clear();
    if (this.unordered.length > 0) {
      const added = this.unordered.sort(byCodeUnit);
      this.unordered = [];
      mergeInto(this.ordered, added);
    }
    return this.ordered;
  }

  /**
   * A stream's history as it stood at `version`: SHA-256 over its leaves of versions 1 to `version`
   * (a missing one counts as empty), and the stream's last version now. Undefined for a stream the
   * log does not hold.
   */
  streamPrefix(stream: string, version: number): { version: number; digest: string } | undefined {
    const entry = this.streams.get(stream);
    if (entry === undefined) return undefined;
    const hash = createHash('sha256');
    for (let v = 1; v <= Math.min(version, entry.version); v++) {
      const index = entry.leaves[v];
      if (index !== undefined) hash.update(this.leaf(index));
    }
    return { version: entry.version, digest: hash.digest('hex') };
  }

  /** The leaf index of a stream's event, if the log has it. */
  indexOf(stream: string, version: number): number | undefined {
    return this.streams.get(stream)?.leaves[version];
  }

  /** The stored position of leaf `index`. */
  positionAt(index: number): number | undefined {
    return this.positions[index];
  }

  private leaf(index: number): Buffer {
    return this.hashes.subarray(index * HASH, (index + 1) * HASH);
  }
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Merges `added` (ordered, none already in `into`) into the ordered `into`, in place, in one pass. */
function mergeInto(into: string[], added: string[]): void {
  let i = into.length - 1;
  let j = added.length - 1;
  into.length += added.length;
  for (let k = into.length - 1; j >= 0; k--)
    into[k] = i >= 0 && into[i]! > added[j]! ? into[i--]! : added[j--]!;
}
