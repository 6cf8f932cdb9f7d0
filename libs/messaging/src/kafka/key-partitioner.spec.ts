import { randomBytes, randomUUID } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import type { PartitionMetadata } from 'kafkajs';
import { keyPartitioner } from './key-partitioner';

const metadata = (count: number): PartitionMetadata[] =>
  Array.from({ length: count }, (_, partitionId) => ({
    partitionId,
    leader: 1,
    replicas: [1],
    isr: [1],
    offlineReplicas: [],
    partitionErrorCode: 0,
  }));

describe('keyPartitioner', () => {
  const ours = keyPartitioner();
  const kafkajs = Partitioners.DefaultPartitioner();
  const both = (key: string | Buffer, partitions: number) => {
    const args = { topic: 't', partitionMetadata: metadata(partitions), message: { key, value: 'v' } };
    return [ours(args), kafkajs(args)];
  };

  it('puts every key on the partition kafkajs DefaultPartitioner chooses (referral ids, any bytes, any length)', () => {
    const keys: Array<string | Buffer> = [
      '',
      'a',
      'ab',
      'abc',
      'abcd',
      'café ü 🚀',
      'measure/groupBy/group',
      ...Array.from({ length: 2000 }, () => randomUUID()),
      ...Array.from({ length: 2000 }, (_, i) => randomBytes(i % 67)),
      ...Array.from({ length: 500 }, (_, i) => randomBytes(i % 67).toString('latin1')),
    ];
    const differing = keys.flatMap((key) =>
      [1, 2, 3, 7, 12, 50, 1000].flatMap((n) => {
        const [mine, theirs] = both(key, n);
        return mine === theirs ? [] : [{ key, n, mine, theirs }];
      }),
    );
    expect(differing).toEqual([]);
  });

  it('honours a partition given with the message', () => {
    const args = {
      topic: 't',
      partitionMetadata: metadata(3),
      message: { key: 'k', value: 'v', partition: 2 },
    };
    expect(ours(args)).toBe(2);
  });
});
