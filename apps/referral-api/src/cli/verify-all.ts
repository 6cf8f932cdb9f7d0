import { readFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { Presets, SingleBar } from 'cli-progress';
import { ConfigError } from '@app/config';
import { checkpointSignedBy, compareWithCheckpoint, verifyStore } from '@app/event-store';
import type { Checkpoint, CheckpointHead, EventStore } from '@app/event-store';
import type { CheckpointsService } from '../audit/checkpoints/checkpoints.service';
import { printable } from './printable';

export type VerifyAllOptions = { checkpointFile?: string; publicKeyFile?: string };

type Finding = { stream: string; problem: string };

const REFERRAL_STREAM = /^referral-([0-9a-f-]{36})$/i;

/** "referral <id>" for a referral's stream, else "stream <name>", escaped for the terminal. */
const subject = (stream: string): string => {
  const id = REFERRAL_STREAM.exec(stream)?.[1];
  return id ? `referral ${id}` : `stream ${printable(stream)}`;
};

const PROBLEMS = {
  removed: 'removed since the checkpoint (every event deleted)',
  truncated: 'truncated since the checkpoint (its last events deleted)',
  changed: 'changed since the checkpoint (an event edited, re-stamped, re-hashed, reordered or renumbered)',
} as const;

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(what, `could not be read as JSON from ${file}: ${(error as Error).message}`);
  }
}

function publicKeyFrom(file: string): KeyObject {
  const text = readFileSync(file, 'utf8');
  const pem = text.includes('{')
    ? ((JSON.parse(text) as { publicKeyPem?: string }).publicKeyPem ?? '')
    : text;
  try {
    return createPublicKey(pem);
  } catch {
    throw new ConfigError(
      '--public-key',
      `${file} holds no public key (PEM, or the JSON of GET /v1/audit/public-key)`,
    );
  }
}

/**
 * The checkpoint to check against: the file an auditor kept (which must be signed by the service's key,
 * or the key they kept), its stream list taken from the checkpoint directory when the file has none;
 * else the newest one the service signed. Undefined when there is none.
 */
async function checkpointToTrust(
  checkpoints: CheckpointsService,
  options: VerifyAllOptions,
): Promise<Checkpoint | undefined> {
  if (options.checkpointFile === undefined) return checkpoints.newest();
  const kept = readJson(options.checkpointFile, '--checkpoint') as CheckpointHead & {
    streams?: Checkpoint['streams'];
  };
  const key = options.publicKeyFile
    ? publicKeyFrom(options.publicKeyFile)
    : createPublicKey(checkpoints.publicKey.publicKeyPem);
  if (!checkpointSignedBy(kept, key))
    throw new ConfigError(
      '--checkpoint',
      `${options.checkpointFile} is not a checkpoint signed by ${options.publicKeyFile ? 'the key in --public-key' : "this service's key"}: it cannot be trusted (if the service's key was replaced, that is itself a finding)`,
    );
  if (kept.streams !== undefined) return kept as Checkpoint;
  const listed = await checkpoints.newestOfSize(kept.treeSize);
  return listed?.streams && listed.rootHash === kept.rootHash && listed.streamsHash === kept.streamsHash
    ? { ...kept, streams: listed.streams }
    : { ...kept, streams: {} };
}

/**
 * `verify --all`: every stream's chain in replay order, then the whole store against a signed checkpoint.
 * Prints each referral whose history was edited, reordered, renumbered, re-stamped, truncated, re-hashed
 * or removed; returns 1 if any was, else 0.
 */
export async function verifyAll(
  store: EventStore,
  checkpoints: CheckpointsService,
  options: VerifyAllOptions,
): Promise<number> {
  const checkpoint = await checkpointToTrust(checkpoints, options);
  const bar = new SingleBar(
    {
      format: 'verify [{bar}] {percentage}% | {value}/{total} events',
      noTTYOutput: true,
      notTTYSchedule: 2000,
    },
    Presets.shades_classic,
  );
  bar.start(await store.headPosition(), 0);
  const chains = await verifyStore(store, (at) => bar.update(at));
  bar.stop();
  const findings: Finding[] = [...chains.broken].map(([stream, version]) => ({
    stream,
    problem: `hash chain or version order breaks at version ${version}`,
  }));
  let rootMatches = true;
  if (checkpoint) {
    const compared = await compareWithCheckpoint(store, checkpoint);
    rootMatches = compared.rootMatches;
    for (const [stream, how] of compared.broken) findings.push({ stream, problem: PROBLEMS[how] });
  }
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Checked ${chains.position} events in ${chains.streams} streams`);
  out(
    checkpoint
      ? `Against the checkpoint of ${checkpoint.treeSize} events signed ${printable(checkpoint.timestamp)} (root ${checkpoint.rootHash.slice(0, 16)}…): ${rootMatches ? 'root matches' : 'ROOT DOES NOT MATCH'}`
      : 'No signed checkpoint found: only the hash chains were checked (POST /v1/audit/checkpoints signs one)',
  );
  const streams = [...new Set(findings.map((f) => f.stream))].sort();
  for (const stream of streams)
    out(
      `BROKEN ${subject(stream)}: ${findings
        .filter((f) => f.stream === stream)
        .map((f) => f.problem)
        .join('; ')}`,
    );
  if (!rootMatches && streams.length === 0)
    out(
      'BROKEN log: the events the checkpoint covers no longer give its root (events moved between positions or added before them)',
    );
  out(`${streams.length} broken`);
  return streams.length === 0 && rootMatches ? 0 : 1;
}
