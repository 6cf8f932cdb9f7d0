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
import { EventLog } from './event-log';

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

/** A checkpoint without its stream list: what Kafka carries and proofs cite; its signature still holds. */
export type CheckpointHead = Omit<Checkpoint, 'streams'>;

export const headOf = ({
  streams: _streams,
  ...head
}: CheckpointHead & { streams?: unknown }): CheckpointHead => head;

/** The signed text: origin, size, root and time on lines of their own, then the streams' hash. */
export function checkpointText(c: Omit<Checkpoint, 'signature' | 'streams'>): string {
  return `${CHECKPOINT_ORIGIN} checkpoint v${c.version}\n${c.treeSize}\n${c.rootHash}\n${c.timestamp}\n${c.streamsHash}\n`;
}

/** Reads the store (as stored: personal data encrypted) and builds its log, up to `size` events. */
export async function eventTree(store: EventStore, size = Number.MAX_SAFE_INTEGER): Promise<EventLog> {
  const log = new EventLog();
  await log.catchUp(store, size);
  return log;
}

/** Stream entries per line of a checkpoint file, and per update of the hash of the list. */
const ENTRIES_PER_LINE = 1024;

/** The stream list's entries (`"name":{…}` each, in order) a line at a time, each line after the first led by a comma. */
function* linesOf(entries: readonly string[]): Generator<string> {
  for (let i = 0; i < entries.length; i += ENTRIES_PER_LINE)
    yield `${i === 0 ? '' : ','}${entries.slice(i, i + ENTRIES_PER_LINE).join(',')}`;
}

/** SHA-256 of `canonicalJson(streams)`, from its entries in order, without building one string of it all. */
function streamsHashOfEntries(entries: readonly string[]): string {
  const hash = createHash('sha256').update('{');
  for (const line of linesOf(entries)) hash.update(line);
  return hash.update('}').digest('hex');
}

/** SHA-256 of `canonicalJson(streams)`. */
function streamsHashOf(streams: Checkpoint['streams']): string {
  const entries: string[] = [];
  for (const stream of Object.keys(streams).sort()) {
    const entry = streams[stream];
    if (entry !== undefined) entries.push(`${JSON.stringify(stream)}:${canonicalJson(entry)}`);
  }
  return streamsHashOfEntries(entries);
}

function signHead(
  log: EventLog,
  privateKey: KeyObject,
  timestamp: string,
  streamsHash: string,
): CheckpointHead {
  const unsigned = {
    version: 1 as const,
    treeSize: log.length,
    rootHash: log.root().toString('hex'),
    timestamp,
    streamsHash,
  };
  const signature = sign(null, Buffer.from(checkpointText(unsigned)), privateKey).toString('base64');
  return { ...unsigned, signature };
}

/** Signs a checkpoint of `log` at `timestamp`. */
export function signCheckpoint(log: EventLog, privateKey: KeyObject, timestamp: string): Checkpoint {
  const head = signHead(log, privateKey, timestamp, streamsHashOfEntries(log.streamEntries()));
  return { ...head, streams: log.streamDigests() };
}

/**
 * Signs a checkpoint of `log` at `timestamp` as it writes it out through `write`: the stream list
 * first, a line of entries at a time (hashed as it goes, from the log's kept text of each stream),
 * then the signed head. JSON that reads back as the checkpoint. At hundreds of thousands of streams
 * the list is tens of megabytes: written this way, no step holds the event loop for long, and the
 * list is never built as an object.
 */
export async function writeSignedCheckpoint(
  log: EventLog,
  privateKey: KeyObject,
  timestamp: string,
  write: (text: string) => Promise<void>,
): Promise<CheckpointHead> {
  const hash = createHash('sha256').update('{');
  await write('{"streams":{');
  for (const line of linesOf(log.streamEntries())) {
    hash.update(line);
    await write(`\n${line}`);
  }
  const head = signHead(log, privateKey, timestamp, hash.update('}').digest('hex'));
  const { signature, ...fields } = head;
  await write(`\n},${JSON.stringify(fields).slice(1, -1)},"signature":${JSON.stringify(signature)}}\n`);
  return head;
}

/** Whether the checkpoint was signed by `publicKey` and its streams (when listed) are the ones signed. */
export function checkpointSignedBy(
  checkpoint: CheckpointHead & { streams?: Checkpoint['streams'] },
  publicKey: KeyObject,
): boolean {
  try {
    if (checkpoint.streams !== undefined && streamsHashOf(checkpoint.streams) !== checkpoint.streamsHash)
      return false;
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
 * every stream it lists must still hold that history up to the version it signed (later events may
 * follow). A stream is named when it was removed, lost events, or any of its signed events changed in
 * any stored byte, recorded time, version or order.
 */
export async function compareWithCheckpoint(
  store: EventStore,
  checkpoint: Checkpoint,
): Promise<CheckpointComparison> {
  const log = await eventTree(store);
  const rootMatches =
    log.length >= checkpoint.treeSize &&
    log.root(checkpoint.treeSize).toString('hex') === checkpoint.rootHash;
  const broken = new Map<string, 'removed' | 'truncated' | 'changed'>();
  for (const [stream, signed] of Object.entries(checkpoint.streams)) {
    const now = log.streamPrefix(stream, signed.version);
    if (now === undefined) broken.set(stream, 'removed');
    else if (now.version < signed.version) broken.set(stream, 'truncated');
    else if (now.digest !== signed.digest) broken.set(stream, 'changed');
  }
  return { rootMatches, broken };
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
