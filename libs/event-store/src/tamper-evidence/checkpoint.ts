import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { EventStore } from '../event-store.port';
import { canonicalJson } from './canonical-json';
import { eventLeaf, inclusionProof, leafHash, rootOf } from './merkle';

/**
 * A signed statement of the whole store at one moment, in the manner of a Certificate Transparency
 * signed tree head: the Merkle root over every event in position order (`merkle.ts`), and a digest per
 * stream over its events' leaves in version order, so a check against it names each referral whose
 * history was edited, re-stamped, renumbered, truncated or removed. Signed with Ed25519 by a key that
 * is not in the database.
 */
export type Checkpoint = {
  version: 1;
  treeSize: number;
  rootHash: string;
  timestamp: string;
  /** SHA-256 of the canonical JSON of `streams`. */
  streamsHash: string;
  streams: Record<string, { version: number; digest: string }>;
  /** Ed25519 over `checkpointText`, base64. */
  signature: string;
};

export const CHECKPOINT_ORIGIN = 'cyp-social-prescribing/events';

/** The signed text: origin, size, root and time on lines of their own, then the streams' hash. */
export function checkpointText(c: Omit<Checkpoint, 'signature' | 'streams'>): string {
  return `${CHECKPOINT_ORIGIN} checkpoint v${c.version}\n${c.treeSize}\n${c.rootHash}\n${c.timestamp}\n${c.streamsHash}\n`;
}

/** Every event's leaf hash in position order, and each stream's digest over its leaves. */
export type EventTree = {
  leaves: Buffer[];
  positions: number[];
  streams: Record<string, { version: number; digest: string }>;
};

/** Reads the store (as stored: personal data encrypted) and builds its tree, up to `size` events. */
export async function eventTree(store: EventStore, size = Number.MAX_SAFE_INTEGER): Promise<EventTree> {
  const leaves: Buffer[] = [];
  const positions: number[] = [];
  const perStream = new Map<
    string,
    { version: number; hash: ReturnType<typeof createHash>; leaves: Buffer[] }
  >();
  let after = 0;
  while (leaves.length < size) {
    const batch = await store.readAll(after, Math.min(2000, size - leaves.length));
    if (batch.length === 0) break;
    for (const event of batch) {
      const leaf = leafHash(eventLeaf(event));
      leaves.push(leaf);
      positions.push(event.position);
      const entry = perStream.get(event.stream) ?? { version: 0, hash: createHash('sha256'), leaves: [] };
      entry.leaves[event.version] = leaf;
      entry.version = Math.max(entry.version, event.version);
      perStream.set(event.stream, entry);
    }
    after = batch[batch.length - 1]!.position;
  }
  const streams: EventTree['streams'] = {};
  for (const [stream, entry] of [...perStream].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    // In version order, so the digest is the history as replayed; a gap (a deleted event) counts as empty.
    for (let v = 1; v <= entry.version; v++) entry.hash.update(entry.leaves[v] ?? Buffer.alloc(0));
    streams[stream] = { version: entry.version, digest: entry.hash.digest('hex') };
  }
  return { leaves, positions, streams };
}

const streamsHashOf = (streams: Checkpoint['streams']): string =>
  createHash('sha256').update(canonicalJson(streams)).digest('hex');

/** Signs a checkpoint of `tree` at `timestamp`. */
export function signCheckpoint(tree: EventTree, privateKey: KeyObject, timestamp: string): Checkpoint {
  const unsigned = {
    version: 1 as const,
    treeSize: tree.leaves.length,
    rootHash: rootOf(tree.leaves).toString('hex'),
    timestamp,
    streamsHash: streamsHashOf(tree.streams),
  };
  const signature = sign(null, Buffer.from(checkpointText(unsigned)), privateKey).toString('base64');
  return { ...unsigned, streams: tree.streams, signature };
}

/** Whether the checkpoint was signed by `publicKey` and its streams are the ones signed. */
export function checkpointSignedBy(checkpoint: Checkpoint, publicKey: KeyObject): boolean {
  try {
    if (streamsHashOf(checkpoint.streams) !== checkpoint.streamsHash) return false;
    return verify(
      null,
      Buffer.from(checkpointText(checkpoint)),
      publicKey,
      Buffer.from(checkpoint.signature, 'base64'),
    );
  } catch {
    return false;
  }
}

export type CheckpointComparison = {
  /** The store's first `treeSize` events give the signed root. */
  rootMatches: boolean;
  /** Streams whose history differs from the signed one (edited, truncated, removed), with what differs. */
  broken: Map<string, 'removed' | 'truncated' | 'changed'>;
};

/**
 * Compares the store with a signed checkpoint: the first `treeSize` events must give its root, and
 * every stream it lists must still hold that history (later events may follow). A stream is named
 * when it was removed, lost events, or any of its events changed in any stored byte or recorded time.
 */
export async function compareWithCheckpoint(
  store: EventStore,
  checkpoint: Checkpoint,
): Promise<CheckpointComparison> {
  const tree = await eventTree(store, checkpoint.treeSize);
  const rootMatches =
    tree.leaves.length === checkpoint.treeSize && rootOf(tree.leaves).toString('hex') === checkpoint.rootHash;
  const broken = new Map<string, 'removed' | 'truncated' | 'changed'>();
  for (const [stream, signed] of Object.entries(checkpoint.streams)) {
    const now = tree.streams[stream];
    if (now === undefined) broken.set(stream, 'removed');
    else if (now.version < signed.version) broken.set(stream, 'truncated');
    else if (now.version > signed.version || now.digest !== signed.digest) broken.set(stream, 'changed');
  }
  return { rootMatches, broken };
}

/** An inclusion proof of the event at `position` in the checkpoint's tree. */
export function inclusionOf(tree: EventTree, position: number, treeSize: number) {
  const index = tree.positions.indexOf(position);
  if (index < 0 || index >= treeSize) throw new RangeError(`no event at position ${position} in that tree`);
  return {
    leafIndex: index,
    treeSize,
    leafHash: tree.leaves[index]!.toString('hex'),
    path: inclusionProof(tree.leaves, index, treeSize).map((h) => h.toString('hex')),
  };
}

/** An Ed25519 key pair for signing checkpoints, as PEM (PKCS#8 private, SPKI public). */
export function generateSigningKey(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

export const signingKeyFrom = (pem: string): KeyObject => createPrivateKey(pem);
export const publicKeyOf = (key: KeyObject): KeyObject => createPublicKey(key);
