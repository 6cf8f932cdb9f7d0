import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@app/testing';
import type { TempDir } from '@app/testing';
import { SqliteEventStore } from '../adapters/sqlite/sqlite-event-store';
import { newEvent } from '../conformance/conformance.fixtures';
import { checkpointSignedBy, headOf, signCheckpoint } from './checkpoint';
import type { CheckpointHead } from './checkpoint';
import { Checkpointer } from './checkpointer';
import { EventLog } from './event-log';
import { eventLeaf, leafHash, rootOf, verifyConsistency, verifyInclusion } from './merkle';

const keys = generateKeyPairSync('ed25519');
const hex = (s: string) => Buffer.from(s, 'hex');

describe('The event log and its checkpointer', () => {
  let dir: TempDir;
  let store: SqliteEventStore;
  let checkpointer: Checkpointer;
  let published: CheckpointHead[];

  beforeEach(() => {
    dir = tempDir('checkpointer-');
    store = new SqliteEventStore({ filename: ':memory:' });
    published = [];
    checkpointer = new Checkpointer(store, keys, {
      dir: join(dir.path, 'checkpoints'),
      everyEvents: 3,
      everyMs: 0,
      pollMs: 10,
      publish: (head) => Promise.resolve(void published.push(head)),
    });
  });
  afterEach(async () => {
    await checkpointer.stop();
    await store.close();
    dir.remove();
  });

  const appendTo = async (stream: string, count: number) => {
    const before = (await store.readStream(stream)).length;
    await store.append(
      stream,
      Array.from({ length: count }, (_, i) => newEvent('Happened', { n: before + i + 1 })),
      before === 0 ? 'no_stream' : before,
    );
  };

  it('grows to the same root as the whole tree at every size, with the same stream digests', async () => {
    const log = new EventLog();
    const leaves: Buffer[] = [];
    for (let i = 0; i < 37; i++) {
      await appendTo(`referral-${i % 5}`, 1);
      const [event] = await store.readAll(log.lastPosition, 1);
      log.add(event!);
      leaves.push(leafHash(eventLeaf(event!)));
      expect(log.root().equals(rootOf(leaves))).toBe(true);
      expect(log.root(i).equals(rootOf(leaves, 0, i))).toBe(true);
    }
    const rebuilt = new EventLog();
    await rebuilt.catchUp(store);
    expect(rebuilt.streamDigests()).toEqual(log.streamDigests());
    expect(Object.keys(log.streamDigests())).toEqual([0, 1, 2, 3, 4].map((i) => `referral-${i}`));
  });

  it('signs on request, writes an owner-only file auditors can copy, publishes the head, and finds it again', async () => {
    await appendTo('referral-a', 2);
    const checkpoint = await checkpointer.checkpoint();
    expect(checkpoint).toMatchObject({ version: 1, treeSize: 2 });
    expect(checkpointSignedBy(checkpoint, keys.publicKey)).toBe(true);
    const files = readdirSync(join(dir.path, 'checkpoints'));
    expect(files).toHaveLength(1);
    expect(statSync(join(dir.path, 'checkpoints', files[0]!)).mode & 0o777).toBe(0o600);
    expect(published).toEqual([expect.not.objectContaining({ streams: expect.anything() })]);
    expect(published[0]!.rootHash).toBe(checkpoint.rootHash);
    expect(await checkpointer.latest()).toEqual(checkpoint);
    expect(await checkpointer.find(2)).toEqual(checkpoint);
    expect(await checkpointer.find(3)).toBeUndefined();
  });

  it('trusts no checkpoint file it did not sign', async () => {
    await appendTo('referral-a', 1);
    const genuine = await checkpointer.checkpoint();
    const other = generateKeyPairSync('ed25519').privateKey;
    await appendTo('referral-a', 1);
    const log = new EventLog();
    await log.catchUp(store);
    const forged = signCheckpoint(log, other, '2030-01-01T00:00:00.000Z');
    writeFileSync(
      join(dir.path, 'checkpoints', '000000000002-20300101T000000000Z.json'),
      JSON.stringify(forged),
    );
    expect(await checkpointer.latest()).toEqual(genuine);
    expect(await checkpointer.find(2)).toBeUndefined();
  });

  it('proves an event is in a checkpoint, and a later checkpoint extends an earlier one', async () => {
    await appendTo('referral-a', 3);
    await appendTo('referral-b', 2);
    const first = await checkpointer.checkpoint();
    await appendTo('referral-a', 4);
    const second = await checkpointer.checkpoint();

    const proof = await checkpointer.inclusion('referral-a', 2, first.treeSize);
    expect(proof.checkpoint.treeSize).toBe(5);
    const leaf = leafHash(Buffer.from(proof.leaf, 'utf8'));
    expect(leaf.toString('hex')).toBe(proof.leafHash);
    expect(verifyInclusion(leaf, proof.leafIndex, 5, proof.path.map(hex), hex(first.rootHash))).toBe(true);
    const latest = await checkpointer.inclusion('referral-a', 7);
    expect(latest.checkpoint.treeSize).toBe(9);
    await expect(checkpointer.inclusion('referral-a', 7, 5)).rejects.toThrow(/not among the 5 events/);
    await expect(checkpointer.inclusion('referral-a', 99)).rejects.toThrow(/has no event 99/);
    await expect(checkpointer.inclusion('referral-a', 1, 4)).rejects.toThrow(/No checkpoint of 4 events/);

    const consistency = await checkpointer.consistency(5, 9);
    expect(
      verifyConsistency(5, 9, consistency.proof.map(hex), hex(first.rootHash), hex(second.rootHash)),
    ).toBe(true);
  });

  it('keeps stream lists in the newest files only; older files keep their signed heads, which still verify', async () => {
    const small = new Checkpointer(store, keys, {
      dir: join(dir.path, 'small'),
      everyEvents: 0,
      everyMs: 0,
      keepStreams: 2,
    });
    const signed = [];
    for (let i = 0; i < 4; i++) {
      await appendTo(`referral-${i}`, 1);
      signed.push(await small.checkpoint());
    }
    const files = readdirSync(join(dir.path, 'small')).sort();
    expect(files).toHaveLength(4);
    const kept = files.map(
      (f) => JSON.parse(readFileSync(join(dir.path, 'small', f), 'utf8')) as { streams?: unknown },
    );
    expect(kept.map((c) => c.streams !== undefined)).toEqual([false, false, true, true]);
    const oldest = await small.find(1);
    expect(oldest).toEqual(headOf(signed[0]!));
    expect(checkpointSignedBy(oldest!, keys.publicKey)).toBe(true);
    expect(await small.latest()).toEqual(signed[3]);
    const proof = await small.consistency(1, 4);
    expect(
      verifyConsistency(1, 4, proof.proof.map(hex), hex(signed[0]!.rootHash), hex(signed[3]!.rootHash)),
    ).toBe(true);
  });

  it('signs by itself every N events', async () => {
    checkpointer.start();
    await appendTo('referral-a', 2);
    await new Promise((r) => setTimeout(r, 80));
    expect(await checkpointer.latest()).toBeUndefined();
    await appendTo('referral-a', 1);
    for (let i = 0; i < 50 && (await checkpointer.latest()) === undefined; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect((await checkpointer.latest())?.treeSize).toBe(3);
    expect(published).toHaveLength(1);
  });
});
