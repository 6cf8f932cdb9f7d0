import fc from 'fast-check';
import {
  KAFKAJS_RECORD_MODULE,
  encodeRecord,
  kafkajsRecordEncoder,
  useRecordEncoder,
} from './record-encoder';
import type { RecordFields } from './record-encoder';

const bytesOf = (record: RecordFields) => encodeRecord(record).buffer;
const kafkajsBytes = (record: RecordFields) => kafkajsRecordEncoder(record).buffer;

const relayHeaders = {
  eventId: '0b6f6e1e-1c1d-4d3c-9f2a-9a8b7c6d5e4f',
  correlationId: '1b6f6e1e-1c1d-4d3c-9f2a-9a8b7c6d5e4f',
  schemaVersion: '1',
  messageType: 'HandoffRequested',
  contentType: 'application/json',
};

describe('encodeRecord (record v0 in one buffer)', () => {
  it('writes byte for byte what kafkajs writes, for the records the relay sends and the edges of each field', () => {
    const records: RecordFields[] = [
      { offsetDelta: 0, timestampDelta: 0, key: 'referral-1', value: '{"a":1}', headers: relayHeaders },
      { offsetDelta: 999, timestampDelta: 12, key: 'k', value: 'x'.repeat(572), headers: relayHeaders },
      { offsetDelta: 63, timestampDelta: 64, key: null, value: null, headers: {} },
      { offsetDelta: 64, timestampDelta: -65, key: undefined, value: undefined },
      { offsetDelta: 2 ** 31 - 1, timestampDelta: 1_700_000_000_000, key: Buffer.alloc(0), value: '' },
      {
        timestampDelta: '17',
        key: 'ünïcödé 🎈',
        value: Buffer.from([0, 255, 128]),
        headers: { a: ['x', 'yé'] },
      },
      { key: 'k', value: Buffer.alloc(200_000, 7), headers: { bin: Buffer.from([1, 2, 3]), empty: '' } },
    ];
    for (const record of records) expect(bytesOf(record).equals(kafkajsBytes(record))).toBe(true);
  });

  it('agrees with kafkajs on any string or binary key, value and headers', () => {
    const text = fc.string({ unit: 'binary', maxLength: 300 });
    const content = fc.oneof(
      text,
      fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
    );
    fc.assert(
      fc.property(
        fc.record({
          offsetDelta: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          timestampDelta: fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
          key: fc.option(content, { nil: null }),
          value: fc.option(content, { nil: null }),
          headers: fc.dictionary(
            fc.string({ minLength: 1, maxLength: 20 }),
            fc.oneof(content, fc.array(content, { maxLength: 3 })),
            { maxKeys: 6 },
          ),
        }),
        (record) => bytesOf(record).equals(kafkajsBytes(record)),
      ),
      { numRuns: 500 },
    );
  });

  it('leaves what it does not write itself to kafkajs, which accepts or refuses it as before', () => {
    // A header without a value: kafkajs refuses it, and so does the publisher now.
    expect(() => encodeRecord({ key: 'k', value: 'v', headers: { h: undefined } })).toThrow(
      /must be of type string/,
    );
    // A timestamp beyond 2^51 ms: written by kafkajs's 64-bit arithmetic.
    const far = { key: 'k', value: 'v', timestampDelta: 2 ** 60 };
    expect(bytesOf(far).equals(kafkajsBytes(far))).toBe(true);
  });

  it('is what kafkajs produce requests take once installed (kafkajs loads them on the first send)', () => {
    expect(useRecordEncoder()).toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require(KAFKAJS_RECORD_MODULE)).toBe(encodeRecord);
    expect(useRecordEncoder()).toBe(true);
  });
});
