import { createHash } from 'node:crypto';
import type { StoredEvent } from '../event-store.port';
import { canonicalJson } from './canonical-json';

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency v2), section 2.1: leaves hashed with a 0x00
 * prefix and interior nodes with 0x01, the tree over n leaves split at the largest power of two below n.
 * Proofs and their verification follow sections 2.1.3 and 2.1.4, so any implementation of the RFC
 * (and `tools/verify-proof.mjs`, which shares no code with this file) checks them.
 */

const sha256 = (...parts: Buffer[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export const leafHash = (leaf: Buffer): Buffer => sha256(LEAF, leaf);
export const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(NODE, left, right);

/**
 * Leaf hashes by index: an array, or a log that keeps them packed (`EventLog`). `completeRoot` may
 * answer the root of a complete, aligned subtree it has kept, so proofs over a large log need not
 * rehash every leaf.
 */
export type Leaves = {
  readonly length: number;
  at(index: number): Buffer | undefined;
  completeRoot?(from: number, size: number): Buffer | undefined;
};

/** The hash of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT = sha256();

/**
 * What a leaf covers: everything stored about an event, as stored (personal data encrypted), so an
 * edit of any of it, its position, stream, version, type or recorded time changes the tree.
 */
export function eventLeaf(event: StoredEvent): Buffer {
  return Buffer.from(
    canonicalJson({
      position: event.position,
      stream: event.stream,
      version: event.version,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
    }),
    'utf8',
  );
}

/** The largest power of two strictly below n (n >= 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[from:to]) over leaf hashes. */
export function rootOf(leaves: Leaves, from = 0, to = leaves.length): Buffer {
  const n = to - from;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return leaves.at(from)!;
  const kept = leaves.completeRoot?.(from, n);
  if (kept !== undefined) return kept;
  const k = split(n);
  return nodeHash(rootOf(leaves, from, from + k), rootOf(leaves, from + k, to));
}

/** The audit path of leaf `index` in the tree of the first `size` leaves (RFC 9162 2.1.3.1). */
export function inclusionProof(leaves: Leaves, index: number, size: number): Buffer[] {
  if (index < 0 || index >= size || size > leaves.length) throw new RangeError('no such leaf in that tree');
  const path = (m: number, from: number, to: number): Buffer[] => {
    const n = to - from;
    if (n <= 1) return [];
    const k = split(n);
    return m < k
      ? [...path(m, from, from + k), rootOf(leaves, from + k, to)]
      : [...path(m - k, from + k, to), rootOf(leaves, from, from + k)];
  };
  return path(index, 0, size);
}

/** The consistency proof between the trees of the first `first` and `second` leaves (RFC 9162 2.1.4.1). */
export function consistencyProof(leaves: Leaves, first: number, second: number): Buffer[] {
  if (first < 1 || first > second || second > leaves.length) throw new RangeError('no such pair of trees');
  const proof = (m: number, from: number, to: number, complete: boolean): Buffer[] => {
    const n = to - from;
    if (m === n) return complete ? [] : [rootOf(leaves, from, to)];
    const k = split(n);
    return m <= k
      ? [...proof(m, from, from + k, complete), rootOf(leaves, from + k, to)]
      : [...proof(m - k, from + k, to, false), rootOf(leaves, from, from + k)];
  };
  return first === second ? [] : proof(first, 0, second, true);
}

/** Checks an inclusion proof (RFC 9162 2.1.3.2). */
export function verifyInclusion(
  leaf: Buffer,
  index: number,
  size: number,
  proof: readonly Buffer[],
  root: Buffer,
): boolean {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && r.equals(root);
}

function walkConsistency(
  first: number,
  second: number,
  path: readonly Buffer[],
  firstRoot: Buffer,
  secondRoot: Buffer,
): boolean {
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn >>= 1;
    sn >>= 1;
  }
  let [fr, sr] = [path[0]!, path[0]!];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

/** Checks a consistency proof between two tree heads (RFC 9162 2.1.4.2). */
export function verifyConsistency(
  first: number,
  second: number,
  proof: readonly Buffer[],
  firstRoot: Buffer,
  secondRoot: Buffer,
): boolean {
  if (first > second || first < 1) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (proof.length === 0) return false;
  const path = [...proof];
  // A first tree that is a complete subtree is its own first node.
  if ((first & (first - 1)) === 0) path.unshift(firstRoot);
  return walkConsistency(first, second, path, firstRoot, secondRoot);
}
