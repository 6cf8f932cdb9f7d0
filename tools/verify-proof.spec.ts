import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, StoredEvent } from '../libs/event-store/src/event-store.port';
import { canonicalJson } from '../libs/event-store/src/tamper-evidence/canonical-json';
import {
  type Checkpoint,
  eventTree,
  headOf,
  signCheckpoint,
} from '../libs/event-store/src/tamper-evidence/checkpoint';
import {
  consistencyProofOf,
  inclusionProofOf,
  publishedKey,
} from '../libs/event-store/src/tamper-evidence/proofs';
import {
  consistencyProof,
  eventLeaf,
  inclusionProof,
  leafHash,
  rootOf,
} from '../libs/event-store/src/tamper-evidence/merkle';

/**
 * The offline verifier (tools/verify-proof.mjs) against checkpoints signed by the service's own code
 * and proofs from its Merkle functions: it must accept what the service emits and refuse any edit of
 * the event, the leaf, the path, the checkpoint or the key.
 */

const ROOT = join(__dirname, '..');
const REFERRAL = 'referral-7d3f0b5e-2c1a-4f7e-9a51-0c6d2e8b4a10';
const OTHER = 'referral-1b9e6c42-8f0d-4a3b-b7e5-93c2d1a0f6e8';
const TYPES = ['ReferralReceived', 'ReferralAccepted', 'AssessmentCompleted', 'SessionAttended'];

/** Seven events over two referrals, in position order, with personal data and a non-ASCII name. */
const events: StoredEvent[] = Array.from({ length: 7 }, (_, i) => {
  const stream = i % 3 === 1 ? OTHER : REFERRAL;
  const version = i % 3 === 1 ? Math.floor(i / 3) + 1 : i - Math.floor((i + 1) / 3) + 1;
  return {
    position: 10 + i,
    stream,
    version,
    type: TYPES[Math.min(version - 1, 3)]!,
    data: { note: `Zoë's session ${i}`, score: i },
    metadata: {
      actor: { sub: 'lw-ada' },
      recordedAt: `2026-10-0${i + 1}T09:00:00.000Z`,
      hash: 'ab'.repeat(32),
    },
  } as unknown as StoredEvent;
});

const storeOf = (list: StoredEvent[]) =>
  ({
    readAll: async (after: number, batch: number) => list.filter((e) => e.position > after).slice(0, batch),
  }) as unknown as EventStore;

/** The leaf the service hashes: canonical JSON of what is stored about the event. */
const leafText = (e: StoredEvent) =>
  canonicalJson({
    position: e.position,
    stream: e.stream,
    version: e.version,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
  });

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519').privateKey;
const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();

let dir: string;
let files = 0;
/** Whatever the service builds its checkpoints from (what `eventTree` returns). */
type Log = Awaited<ReturnType<typeof eventTree>>;
const logs: Record<number, Log> = {};
/** The leaf hashes, computed here from the leaf text, so the proofs do not depend on the log's API. */
const leaves = events.map((e) => leafHash(Buffer.from(leafText(e), 'utf8')));
const hexes = (hashes: Buffer[]) => hashes.map((h) => h.toString('hex'));
/** The head a proof carries: the checkpoint without its stream list (its signature still holds). */
const head = ({ streams: _streams, ...rest }: Checkpoint) => rest;

const signed = (size: number, key: KeyObject = privateKey, log = logs[size]!): Checkpoint =>
  signCheckpoint(log, key, `2026-10-${String(10 + size).padStart(2, '0')}T12:00:00.000Z`);

const write = (content: unknown): string => {
  const file = join(dir, `file-${++files}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
};

const run = (...args: string[]) => {
  const result = spawnSync(process.execPath, ['tools/verify-proof.mjs', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

/** What GET /v1/audit/referrals/{id}/events/{version}/proof answers, for the event at `index`. */
const proofOf = (index: number, size = 7, checkpoint: object = head(signed(size)), list = events) => {
  const e = list[index]!;
  const hashes = list.map((x) => leafHash(Buffer.from(leafText(x), 'utf8')));
  const { position, stream, version, type } = e;
  return {
    checkpoint,
    event: { position, stream, version, type, recordedAt: e.metadata.recordedAt },
    leaf: leafText(e),
    leafIndex: index,
    treeSize: size,
    leafHash: hashes[index]!.toString('hex'),
    path: hexes(inclusionProof(hashes, index, size)),
  };
};

const inclusion = (proof: unknown, ...more: string[]) =>
  run('inclusion', '--proof', write(proof), '--public-key', write(publicKeyPem), ...more);

const consistencyFile = (from: number, to: number) => ({
  from: signed(from),
  to: signed(to),
  proof: hexes(consistencyProof(leaves, from, to)),
});

const consistency = (file: unknown, ...more: string[]) =>
  run('consistency', '--proof', write(file), '--public-key', write(publicKeyPem), ...more);

const expectFail = (result: ReturnType<typeof run>, reason: RegExp) => {
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/^FAIL /);
  expect(result.stderr).toMatch(reason);
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verify-proof-'));
  for (let size = 1; size <= 7; size++) logs[size] = await eventTree(storeOf(events), size);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tools/verify-proof.mjs inclusion', () => {
  it("accepts the service's own proofs (inclusionProofOf, consistencyProofOf, publishedKey)", () => {
    const log = logs[7]!;
    const key = write(publishedKey(publicKey));
    for (const [i, e] of events.entries()) {
      const proof = inclusionProofOf(log, e, headOf(signed(7)));
      expect(proof).toEqual(proofOf(i));
      expect(run('inclusion', '--proof', write(proof), '--public-key', key).status).toBe(0);
    }
    const file = consistencyProofOf(log, headOf(signed(3)), headOf(signed(7)));
    expect(run('consistency', '--proof', write(file), '--public-key', key).status).toBe(0);
  });

  it('builds its leaves as the service does', () => {
    for (const e of events) expect(leafText(e)).toBe(eventLeaf(e).toString('utf8'));
    for (let size = 1; size <= 7; size++)
      expect(rootOf(leaves.slice(0, size)).toString('hex')).toBe(signed(size).rootHash);
  });

  it('accepts every event of the signed tree, with the key as PEM or as the public-key JSON', () => {
    const result = inclusion(proofOf(3));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^OK checkpoint signed by key [0-9a-f]{16}: 7 events/);
    expect(result.stdout).toContain(
      `OK event 3 of ${REFERRAL} (AssessmentCompleted, recorded 2026-10-04T09:00:00.000Z) is leaf 3 of the 7-event tree with root ${signed(7).rootHash}`,
    );
    for (let i = 0; i < 7; i++) expect(inclusion(proofOf(i)).status).toBe(0);
    expect(inclusion(proofOf(5, 7, signed(7))).status).toBe(0); // the whole checkpoint, streams and all
    const keyJson = write(publishedKey(publicKey));
    expect(run('inclusion', '--proof', write(proofOf(0, 1)), '--public-key', keyJson).status).toBe(0);
    const wrongId = write({ ...publishedKey(publicKey), keyId: 'ab'.repeat(32) });
    expect(run('inclusion', '--proof', write(proofOf(0, 1)), '--public-key', wrongId).status).toBe(2);
    const x25519 = write({ algorithm: 'X25519', publicKeyPem });
    expect(run('inclusion', '--proof', write(proofOf(0, 1)), '--public-key', x25519).status).toBe(2);
  });

  it('refuses an altered leaf, whether or not its hash is recomputed', () => {
    const proof = proofOf(2);
    const leaf = proof.leaf.replace('session 2', 'session 9');
    expectFail(inclusion({ ...proof, leaf }), /leafHash is not SHA-256\(0x00 \|\| leaf\)/);
    const rehashed = leafHash(Buffer.from(leaf)).toString('hex');
    expectFail(inclusion({ ...proof, leaf, leafHash: rehashed }), /audit path does not lead from leaf 2/);
  });

  it('refuses an event that is not the leaf', () => {
    const proof = proofOf(2);
    expectFail(
      inclusion({ ...proof, event: { ...proof.event, version: 1 } }),
      /leaf's version 2 is not the event's 1/,
    );
    expectFail(inclusion({ ...proof, event: { ...proof.event, type: 'ReferralDeclined' } }), /leaf's type/);
    expectFail(
      inclusion({ ...proof, event: { ...proof.event, recordedAt: '2026-01-01T00:00:00.000Z' } }),
      /recordedAt/,
    );
  });

  it('refuses a tampered path element, a wrong leafIndex and a wrong treeSize', () => {
    const proof = proofOf(4);
    const path = [...proof.path];
    path[1] = path[1]!.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expectFail(inclusion({ ...proof, path }), /audit path does not lead/);
    expectFail(inclusion({ ...proof, path: proof.path.slice(1) }), /audit path does not lead/);
    expectFail(inclusion({ ...proof, path: [...proof.path, proof.path[0]] }), /audit path does not lead/);
    expectFail(inclusion({ ...proof, path: ['zz'] }), /path is not a list of SHA-256 hex hashes/);
    expectFail(inclusion({ ...proof, leafIndex: 5 }), /audit path does not lead from leaf 5/);
    expectFail(inclusion({ ...proof, leafIndex: 7 }), /leafIndex 7 is not a leaf of the 7-event tree/);
    expectFail(inclusion({ ...proof, treeSize: 8 }), /treeSize 8 is not the checkpoint's 7/);
  });

  it('refuses a checkpoint signed by another key, or edited after signing', () => {
    expectFail(inclusion(proofOf(1, 7, signed(7, stranger))), /signature is not valid for this public key/);
    const cp = signed(7);
    const forged = proofOf(1, 7, { ...head(cp), rootHash: 'ab'.repeat(32) });
    expectFail(inclusion(forged), /checkpoint signature is not valid/);
    const shrunk = proofOf(1, 6, { ...head(cp), treeSize: 6 });
    expectFail(inclusion(shrunk), /checkpoint signature is not valid/);
    const streams = { ...cp.streams, [OTHER]: { version: 9, digest: 'ab'.repeat(32) } };
    expectFail(inclusion(proofOf(1, 7, { ...cp, streams })), /streams are not the ones signed/);
  });

  it('with --checkpoint, refuses a proof against a checkpoint other than the one kept', () => {
    expect(inclusion(proofOf(1), '--checkpoint', write(signed(7))).status).toBe(0);
    const other = inclusion(proofOf(1), '--checkpoint', write(signed(5)));
    expectFail(other, /the proof's checkpoint is not the one you kept/);
    expectFail(
      inclusion(proofOf(1), '--checkpoint', write(signed(7, stranger))),
      /kept checkpoint signature/,
    );
  });

  it('prints text from the files with control and format characters escaped', async () => {
    const evil = { ...events[0]!, type: 'Referral\u001b[2J\u2028Received\u202e' };
    const proof = proofOf(0, 1, head(signed(1, privateKey, await eventTree(storeOf([evil])))), [evil]);
    const result = inclusion(proof);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Referral\\u001b[2J\\u2028Received\\u202e');
    expect(result.stdout).not.toMatch(/[\u001b\u2028\u202e]/);
    const failed = inclusion({ ...proof, event: { ...proof.event, stream: 'x\u009b\u0007' } });
    expectFail(failed, /is not the event's x\\u009b\\u0007/);
  });

  it('exits 2 for bad usage or unreadable files', () => {
    expect(run().status).toBe(2);
    expect(run('inclusion', '--proof', write(proofOf(0))).status).toBe(2);
    const missing = run(
      'inclusion',
      '--proof',
      join(dir, 'missing.json'),
      '--public-key',
      write(publicKeyPem),
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read proof .*\nusage: /);
    expect(inclusion('not json').status).toBe(2);
    const notAKey = run('inclusion', '--proof', write(proofOf(0)), '--public-key', write('hello'));
    expect(notAKey.status).toBe(2);
  });
});

describe('tools/verify-proof.mjs consistency', () => {
  it.each([
    [1, 7],
    [3, 7],
    [4, 7],
    [5, 7],
    [2, 3],
    [7, 7],
  ])('accepts the signed %i-event tree as a prefix of the signed %i-event tree', (from, to) => {
    const result = consistency(consistencyFile(from, to));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      `OK the ${to}-event tree (root ${signed(to).rootHash}) extends the ${from}-event tree`,
    );
  });

  it('refuses swapped checkpoints or roots, and a tampered, shortened or padded proof', () => {
    const file = consistencyFile(3, 7);
    expectFail(consistency({ ...file, from: file.to, to: file.from }), /from has 7 events, more than to's 3/);
    const swapped = {
      ...file,
      from: { ...file.from, rootHash: file.to.rootHash },
      to: { ...file.to, rootHash: file.from.rootHash },
    };
    expectFail(consistency(swapped), /from checkpoint signature is not valid/);
    const proof = [...file.proof];
    proof[0] = 'cd'.repeat(32);
    expectFail(
      consistency({ ...file, proof }),
      /the proof does not show the 7-event tree .* extends the 3-event tree/,
    );
    expectFail(consistency({ ...file, proof: file.proof.slice(0, -1) }), /the proof does not show/);
    expectFail(consistency({ ...file, proof: [...file.proof, file.proof[0]] }), /the proof does not show/);
    expectFail(consistency({ ...file, proof: [] }), /the proof does not show/);
    expectFail(consistency({ ...consistencyFile(7, 7), proof: file.proof }), /the proof does not show/);
  });

  it('refuses a history rewritten and re-signed with the real key', async () => {
    const rewritten = events.map((e, i) => (i === 1 ? { ...e, data: { note: 'edited' } } : e));
    const later = await eventTree(storeOf(rewritten));
    const forged = {
      from: signed(3),
      to: signed(7, privateKey, later),
      proof: hexes(
        consistencyProof(
          rewritten.map((e) => leafHash(eventLeaf(e))),
          3,
          7,
        ),
      ),
    };
    expectFail(consistency(forged), /the proof does not show the 7-event tree/);
  });

  it('with --checkpoint, checks the kept checkpoint is the from or the to', () => {
    expect(consistency(consistencyFile(3, 7), '--checkpoint', write(signed(3))).status).toBe(0);
    expect(consistency(consistencyFile(3, 7), '--checkpoint', write(signed(7))).status).toBe(0);
    const kept = consistency(consistencyFile(3, 7), '--checkpoint', write(signed(4)));
    expectFail(kept, /the proof's checkpoint is not the one you kept/);
  });
});
