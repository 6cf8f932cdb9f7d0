import { createHash, createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { StoredEvent } from '../event-store.port';
import type { Checkpoint, CheckpointHead } from './checkpoint';
import type { EventLog } from './event-log';
import { consistencyProof, eventLeaf, inclusionProof, leafHash } from './merkle';

/**
 * That one event is leaf `leafIndex` of the tree a signed checkpoint covers: the event as stored
 * (`leaf`, the bytes its leaf hash is taken over), and the audit path to the checkpoint's root.
 * `tools/verify-proof.mjs` checks it with nothing but the public key.
 */
export type InclusionProof = {
  checkpoint: CheckpointHead;
  event: { position: number; stream: string; version: number; type: string; recordedAt: string };
  leaf: string;
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  path: string[];
};

/** That the tree of `from` is the first part of the tree of `to`: nothing signed before was changed since. */
export type ConsistencyProof = { from: CheckpointHead; to: CheckpointHead; proof: string[] };

/** Why a proof cannot be given: the checkpoint asked for is unknown, or does not cover the event. */
export class ProofUnavailableError extends Error {
  constructor(
    readonly reason: 'no-checkpoint' | 'not-covered' | 'not-found',
    message: string,
  ) {
    super(message);
    this.name = 'ProofUnavailableError';
  }
}

const hex = (b: Buffer): string => b.toString('hex');

/** The inclusion proof of `event` (as stored now) in `checkpoint`'s tree, built from `log`. */
export function inclusionProofOf(
  log: EventLog,
  event: StoredEvent,
  checkpoint: CheckpointHead,
): InclusionProof {
  const index = log.indexOf(event.stream, event.version);
  if (index === undefined || index >= checkpoint.treeSize || checkpoint.treeSize > log.length)
    throw new ProofUnavailableError(
      'not-covered',
      `Version ${event.version} of ${event.stream} is not among the ${checkpoint.treeSize} events of that checkpoint; sign a newer one`,
    );
  const leaf = eventLeaf(event);
  return {
    checkpoint,
    event: {
      position: event.position,
      stream: event.stream,
      version: event.version,
      type: event.type,
      recordedAt: event.metadata.recordedAt,
    },
    leaf: leaf.toString('utf8'),
    leafIndex: index,
    treeSize: checkpoint.treeSize,
    // The hash the log holds for that leaf: if the stored event was changed since, it no longer matches `leaf`.
    leafHash: hex(log.at(index) ?? leafHash(leaf)),
    path: inclusionProof(log, index, checkpoint.treeSize).map(hex),
  };
}

/** The consistency proof between two checkpoints, built from `log`. */
export function consistencyProofOf(
  log: EventLog,
  from: CheckpointHead,
  to: CheckpointHead,
): ConsistencyProof {
  if (from.treeSize > to.treeSize)
    throw new ProofUnavailableError('not-found', '`from` must be a checkpoint no larger than `to`');
  if (from.treeSize < 1)
    throw new ProofUnavailableError(
      'not-found',
      'A consistency proof starts from a checkpoint of at least one event',
    );
  if (to.treeSize > log.length)
    throw new ProofUnavailableError(
      'not-covered',
      `The log holds ${log.length} events, fewer than ${to.treeSize}`,
    );
  return { from, to, proof: consistencyProof(log, from.treeSize, to.treeSize).map(hex) };
}

/** The public key as auditors fetch it: PEM, and an id (SHA-256 of its DER) to cite. */
export function publishedKey(publicKey: KeyObject): {
  algorithm: 'Ed25519';
  publicKeyPem: string;
  keyId: string;
} {
  const key = publicKey.type === 'public' ? publicKey : createPublicKey(publicKey);
  const spki = key.export({ format: 'der', type: 'spki' });
  return {
    algorithm: 'Ed25519',
    publicKeyPem: key.export({ format: 'pem', type: 'spki' }).toString(),
    keyId: createHash('sha256').update(spki).digest('hex'),
  };
}

/** How one stream stands against a signed checkpoint. */
export type StreamAgainstCheckpoint = {
  treeSize: number;
  timestamp: string;
  /** `not-covered`: the stream is newer than the checkpoint; the others as in `compareWithCheckpoint`. */
  status: 'matches' | 'not-covered' | 'removed' | 'truncated' | 'changed';
  signedVersion?: number;
};

/** Checks a stream's events (as stored, in replay order) against the digest `checkpoint` signed for it. */
export function streamAgainstCheckpoint(
  stream: string,
  events: readonly StoredEvent[],
  checkpoint: Checkpoint,
): StreamAgainstCheckpoint {
  const at = { treeSize: checkpoint.treeSize, timestamp: checkpoint.timestamp };
  const signed = checkpoint.streams[stream];
  if (signed === undefined) return { ...at, status: 'not-covered' };
  const base = { ...at, signedVersion: signed.version };
  if (events.length === 0) return { ...base, status: 'removed' };
  const byVersion = new Map(events.map((e) => [e.version, e]));
  const last = Math.max(...events.map((e) => e.version));
  if (last < signed.version) return { ...base, status: 'truncated' };
  const hash = createHash('sha256');
  for (let v = 1; v <= signed.version; v++) {
    const event = byVersion.get(v);
    if (event !== undefined) hash.update(leafHash(eventLeaf(event)));
  }
  return { ...base, status: hash.digest('hex') === signed.digest ? 'matches' : 'changed' };
}
