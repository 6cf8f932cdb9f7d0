import { createHash, generateKeyPairSync } from 'node:crypto';
import type { StoredEvent } from '../event-store.port';
import { canonicalJson } from './canonical-json';
import { signCheckpoint } from './checkpoint';
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
});
