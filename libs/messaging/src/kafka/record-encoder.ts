/**
 * kafkajs encodes each produced record with an `Encoder` per record and one more per header, each
 * zero-filling 512 bytes, growing by copying, and allocating a Buffer for every varint and a 64-bit
 * `Long` for every timestamp: about 10 µs per record of the relay's (five headers, ~600 bytes), a
 * fifth of the relay's CPU while it drains a backlog. `encodeRecord` writes the same bytes (Kafka's
 * record v0 format, the one kafkajs's produce request v3 sends) into one buffer of the exact size.
 * ADR 0023 records why it replaces kafkajs's own module, and how that is checked.
 */

// kafkajs's internal modules have no types of their own: the shapes used here, nothing more.
type KafkaEncoder = { buf: Buffer; offset: number; readonly buffer: Buffer };
type EncoderClass = new (initialSize?: number) => KafkaEncoder;
type HeaderValue = string | Buffer | (string | Buffer)[] | null | undefined;
/** What kafkajs's produce request hands its record encoder for each message. */
export type RecordFields = {
  offsetDelta?: number;
  timestampDelta?: number | string;
  key?: unknown;
  value?: unknown;
  headers?: Record<string, HeaderValue>;
};
export type RecordEncoder = (record: RecordFields) => KafkaEncoder;

/** kafkajs's record module, as its produce requests load it. */
export const KAFKAJS_RECORD_MODULE = require.resolve('kafkajs/src/protocol/recordBatch/record/v0');
const PRODUCE_V3_MODULE = require.resolve('kafkajs/src/protocol/requests/produce/v3/request');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Encoder = require('kafkajs/src/protocol/encoder') as EncoderClass;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kafkajsRecord = require(KAFKAJS_RECORD_MODULE) as RecordEncoder;

/** kafkajs's own record encoder, for comparison (tests) and for the records the fast path leaves to it. */
export const kafkajsRecordEncoder: RecordEncoder = kafkajsRecord;

// A timestamp delta up to 2^51 keeps its zig-zag form (2|n|) a safe integer; deltas are milliseconds.
const LARGEST_DELTA = 2 ** 51;

const zigZag = (n: number): number => (n >= 0 ? n * 2 : -n * 2 - 1);

/** Bytes in the unsigned LEB128 form of a non-negative safe integer. */
function sizeOfUnsigned(n: number): number {
  let bytes = 1;
  for (let rest = n; rest >= 0x80; rest = Math.floor(rest / 128)) bytes += 1;
  return bytes;
}

function writeUnsigned(buf: Buffer, at: number, n: number): number {
  let offset = at;
  let rest = n;
  while (rest >= 0x80) {
    buf[offset++] = (rest % 128) | 0x80;
    rest = Math.floor(rest / 128);
  }
  buf[offset++] = rest;
  return offset;
}

/** A key, value, header name or header value: written as its UTF-8 or raw bytes, or as null. */
type Field = string | Buffer | null;

const byteLength = (field: string | Buffer): number =>
  typeof field === 'string' ? Buffer.byteLength(field, 'utf8') : field.length;

/** varint length (-1 for null) then the bytes, written straight from the string or Buffer. */
function writeField(buf: Buffer, at: number, field: Field, length: number): number {
  if (field === null) return writeUnsigned(buf, at, zigZag(-1));
  const offset = writeUnsigned(buf, at, zigZag(length));
  if (typeof field === 'string') buf.write(field, offset, length, 'utf8');
  else field.copy(buf, offset);
  return offset + length;
}

/** A key or value as kafkajs takes it (a Buffer, a string, or null/undefined for none); undefined for anything else. */
function asField(value: unknown): Field | undefined {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' || Buffer.isBuffer(value) ? value : undefined;
}

/** Header names and values in order after `key` and `value`; undefined when a header value is not a string or a Buffer. */
function fieldsOf(key: Field, value: Field, headers: Record<string, HeaderValue>): Field[] | undefined {
  const fields: Field[] = [key, value];
  for (const name of Object.keys(headers)) {
    const given = headers[name];
    for (const one of Array.isArray(given) ? given : [given]) {
      if (typeof one !== 'string' && !Buffer.isBuffer(one)) return undefined;
      fields.push(name, one);
    }
  }
  return fields;
}

/** A timestamp delta within ±2^51 ms and an offset delta within a batch: what the fast path writes. */
function usualNumbers(timestamp: number, offsetDelta: number): boolean {
  return (
    Number.isSafeInteger(timestamp) &&
    Math.abs(timestamp) <= LARGEST_DELTA &&
    Number.isInteger(offsetDelta) &&
    offsetDelta >= 0 &&
    offsetDelta < 2 ** 31
  );
}

/**
 * One record in Kafka's record v0 format (length, attributes, timestamp delta, offset delta, key,
 * value, headers), byte for byte what kafkajs writes. Anything outside the usual shapes (a header
 * without a value, a key that is neither string nor Buffer, a timestamp delta beyond 2^51 ms) goes
 * to kafkajs's encoder, so it is accepted or refused exactly as before.
 */
export const encodeRecord: RecordEncoder = (record) => {
  const { offsetDelta = 0, timestampDelta = 0, key, value, headers = {} } = record;
  const timestamp = Number(timestampDelta);
  const keyField = asField(key);
  const valueField = asField(value);
  const fields =
    keyField === undefined || valueField === undefined ? undefined : fieldsOf(keyField, valueField, headers);
  if (!usualNumbers(timestamp, offsetDelta) || fields === undefined) return kafkajsRecord(record);

  const headerCount = (fields.length - 2) / 2;
  const lengths = new Array<number>(fields.length);
  let body =
    1 +
    sizeOfUnsigned(zigZag(timestamp)) +
    sizeOfUnsigned(zigZag(offsetDelta)) +
    sizeOfUnsigned(zigZag(headerCount));
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const length = field === null ? -1 : byteLength(field);
    lengths[i] = length;
    body += field === null ? 1 : sizeOfUnsigned(zigZag(length)) + length;
  }
  const buf = Buffer.allocUnsafe(sizeOfUnsigned(zigZag(body)) + body);
  let offset = writeUnsigned(buf, 0, zigZag(body));
  buf[offset++] = 0; // attributes: none are used per record
  offset = writeUnsigned(buf, offset, zigZag(timestamp));
  offset = writeUnsigned(buf, offset, zigZag(offsetDelta));
  offset = writeField(buf, offset, fields[0]!, lengths[0]!);
  offset = writeField(buf, offset, fields[1]!, lengths[1]!);
  offset = writeUnsigned(buf, offset, zigZag(headerCount));
  for (let i = 2; i < fields.length; i++) offset = writeField(buf, offset, fields[i]!, lengths[i]!);
  // kafkajs's batch takes its records as Encoders; this one holds the finished buffer.
  const encoder = new Encoder(0);
  encoder.buf = buf;
  encoder.offset = offset;
  return encoder;
};

/**
 * Makes kafkajs's produce requests encode records with `encodeRecord`: replaces the exports of
 * kafkajs's record module before the produce request module (loaded on the first send) takes them.
 * Idempotent. Returns false, and changes nothing, when a produce request was already loaded with
 * kafkajs's encoder: publishing then works exactly as before, only slower.
 */
export function useRecordEncoder(): boolean {
  const cached = require.cache[KAFKAJS_RECORD_MODULE];
  if (cached === undefined) return false;
  if (cached.exports === encodeRecord) return true;
  if (require.cache[PRODUCE_V3_MODULE] !== undefined) return false;
  cached.exports = encodeRecord;
  return true;
}
