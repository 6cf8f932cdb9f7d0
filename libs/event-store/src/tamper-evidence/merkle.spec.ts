import {
  EMPTY_ROOT,
  consistencyProof,
  inclusionProof,
  leafHash,
  nodeHash,
  rootOf,
  verifyConsistency,
  verifyInclusion,
} from './merkle';

const leaves = Array.from({ length: 33 }, (_, i) => leafHash(Buffer.from(`event ${i}`)));

describe('The Merkle tree of RFC 9162', () => {
  it('hashes the empty tree, one leaf, and splits at the largest power of two below n', () => {
    expect(rootOf([]).toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(rootOf(leaves, 0, 1)).toEqual(leaves[0]);
    const [a, b, c] = leaves as [Buffer, Buffer, Buffer];
    expect(rootOf([a, b, c])).toEqual(nodeHash(nodeHash(a, b), c));
    expect(EMPTY_ROOT).toEqual(rootOf([]));
  });

  it('proves every leaf of every tree up to 33 leaves, and nothing else', () => {
    for (let size = 1; size <= leaves.length; size++) {
      const root = rootOf(leaves, 0, size);
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(leaves, index, size);
        expect(verifyInclusion(leaves[index]!, index, size, proof, root)).toBe(true);
        expect(verifyInclusion(leaves[(index + 1) % size]!, index, size, proof, root)).toBe(size === 1);
        const other = size < leaves.length ? rootOf(leaves, 0, size + 1) : EMPTY_ROOT;
        expect(verifyInclusion(leaves[index]!, index, size, proof, other)).toBe(false);
      }
    }
  });

  it('proves every smaller tree consistent with every larger one, and refuses a rewritten history', () => {
    const rewritten = [...leaves];
    rewritten[2] = leafHash(Buffer.from('edited'));
    for (let second = 1; second <= leaves.length; second++) {
      for (let first = 1; first <= second; first++) {
        const proof = consistencyProof(leaves, first, second);
        const [firstRoot, secondRoot] = [rootOf(leaves, 0, first), rootOf(leaves, 0, second)];
        expect(verifyConsistency(first, second, proof, firstRoot, secondRoot)).toBe(true);
        if (first > 2 && first < second) {
          const forged = consistencyProof(rewritten, first, second);
          expect(verifyConsistency(first, second, forged, firstRoot, rootOf(rewritten, 0, second))).toBe(
            false,
          );
        }
      }
    }
  });
});
