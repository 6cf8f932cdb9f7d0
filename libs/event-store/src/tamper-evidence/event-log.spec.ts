import { createHash, generateKeyPairSync } from 'node:crypto';
import type { StoredEvent } from '../event-store.port';
import { canonicalJson } from './canonical-json';
import { checkpointSignedBy, signCheckpoint, writeSignedCheckpoint } from './checkpoint';
import type { Checkpoint } from './checkpoint';
import { EventLog } from './event-log';
import { consistencyProof, eventLeaf, inclusionProof, leafHash, rootOf } from './merkle';

const event = (position: number): StoredEvent => ({
  position,
  stream: `referral-${position % 7}`,
  version: Math.floor(position / 7) + 1,
  type: 'Happened',
  data: { n: position },
  metadata: { recordedAt: '2026-12-05T00:00:00.000Z' } as StoredEvent['metadata'],
});

describe('The event log over more than one kept block of leaves', () => {
  const log = new EventLog();
  const leaves: Buffer[] = [];
  for (let p = 1; p <= 3_100; p++) {
    log.add(event(p));
    leaves.push(leafHash(eventLeaf(event(p))));
  }
  const hex = (b: Buffer[]) => b.map((x) => x.toString('hex'));

  it.each([1, 1023, 1024, 1025, 2048, 2049, 3_071, 3_072, 3_100])(
    'gives the RFC 9162 root of the first %i events',
    (size) => {
      expect(log.root(size).equals(rootOf(leaves, 0, size))).toBe(true);
    },
  );

  it('gives the same inclusion and consistency proofs as the tree over all the leaves', () => {
    for (const [index, size] of [
      [0, 3_100],
      [1_500, 3_100],
      [3_099, 3_100],
      [700, 2_048],
      [2_047, 2_500],
    ] as const)
      expect(hex(inclusionProof(log, index, size))).toEqual(hex(inclusionProof(leaves, index, size)));
    for (const [first, second] of [
      [1, 3_100],
      [1_024, 3_100],
      [1_500, 2_049],
      [3_000, 3_100],
    ] as const)
      expect(hex(consistencyProof(log, first, second))).toEqual(hex(consistencyProof(leaves, first, second)));
  });
});

describe('The signed stream list', () => {
  it('hashes to SHA-256 of its canonical JSON, as the docs and the offline verifier say', () => {
    const log = new EventLog();
    for (let p = 1; p <= 50; p++) log.add(event(p));
    const checkpoint = signCheckpoint(log, generateKeyPairSync('ed25519').privateKey, 'now');
    expect(checkpoint.streamsHash).toBe(
      createHash('sha256').update(canonicalJson(checkpoint.streams)).digest('hex'),
    );
  });

  it('stays in code-unit order with the right digests as streams are added between checkpoints', async () => {
    const keys = generateKeyPairSync('ed25519');
    const log = new EventLog();
    // Names whose code-unit order differs from a locale's, added out of order over several checkpoints.
    const names = [
      'referral-b',
      'Referral-Z',
      'referral-a',
      'referral-é',
      'referral-\u{1F600}',
      'referral-"q"',
    ];
    const versions = new Map<string, number>();
    const added: StoredEvent[] = [];
    for (let round = 0; round < 4; round++) {
      for (const stream of names.slice(0, round + 3)) {
        const version = (versions.get(stream) ?? 0) + 1;
        versions.set(stream, version);
        added.push({ ...event(added.length + 1), stream, version });
        log.add(added[added.length - 1]!);
      }
      let text = '';
      const head = await writeSignedCheckpoint(log, keys.privateKey, `round-${round}`, async (t) => {
        text += t;
      });
      const streams = log.streamDigests();
      expect(Object.keys(streams)).toEqual([...versions.keys()].sort());
      expect(head.streamsHash).toBe(createHash('sha256').update(canonicalJson(streams)).digest('hex'));
      const fresh = new EventLog();
      for (const e of added) fresh.add(e);
      expect(fresh.streamDigests()).toEqual(streams);
      const file = JSON.parse(text) as Parameters<typeof checkpointSignedBy>[0];
      expect(file).toEqual({ ...head, streams });
      expect(checkpointSignedBy(file, keys.publicKey)).toBe(true);
    }
  });

  it('writes a list of thousands of streams, line by line, that reads back as the signed checkpoint', async () => {
    const keys = generateKeyPairSync('ed25519');
    const log = new EventLog();
    for (let p = 1; p <= 2_500; p++) log.add({ ...event(p), stream: `referral-${p}`, version: 1 });
    const writes: string[] = [];
    const head = await writeSignedCheckpoint(log, keys.privateKey, 'now', async (t) => {
      writes.push(t);
    });
    expect(writes.length).toBeGreaterThan(3);
    const file = JSON.parse(writes.join('')) as Checkpoint;
    expect(Object.keys(file.streams)).toHaveLength(2_500);
    expect(file).toEqual(signCheckpoint(log, keys.privateKey, 'now'));
    expect(file.streamsHash).toBe(createHash('sha256').update(canonicalJson(file.streams)).digest('hex'));
    expect(checkpointSignedBy(file, keys.publicKey)).toBe(true);
    expect(head.streamsHash).toBe(file.streamsHash);
  });
});
