import type { ExpectedVersion, NewEvent, ReadStreamOptions } from './event-store.port';

/** Rejects appends no adapter should store, with a message naming the bad input. */
export function validateAppend(stream: string, events: NewEvent[], expected: ExpectedVersion): void {
  validateStreamName(stream);
  if (expected !== 'any' && expected !== 'no_stream' && !isVersion(expected)) {
    throw new Error(
      `Expected version for stream ${stream} must be a non-negative integer, 'no_stream' or 'any', got ${String(expected)}`,
    );
  }
  if (!Array.isArray(events)) throw new Error(`Events appended to stream ${stream} must be an array`);
  events.forEach((event, index) => validateEvent(stream, event, index));
}

export function validateStreamName(stream: string): void {
  if (typeof stream !== 'string' || stream.trim() === '') {
    throw new Error(`Stream name must be a non-empty string, got ${JSON.stringify(stream)}`);
  }
  // PostgreSQL's text type cannot hold NUL; refusing it everywhere keeps every adapter's answer the same.
  if (stream.includes('\u0000'))
    throw new Error(`Stream name must not contain NUL characters, got ${JSON.stringify(stream)}`);
}

export function validateReadStream(stream: string, options: ReadStreamOptions | undefined): void {
  validateStreamName(stream);
  for (const name of ['afterVersion', 'toVersion'] as const) {
    const version = options?.[name];
    if (version !== undefined && !isVersion(version))
      throw new Error(`${name} must be a non-negative integer, got ${String(version)}`);
  }
}

export function validateReadAll(after: number, batchSize: number): void {
  if (!isVersion(after)) throw new Error(`Position must be a non-negative integer, got ${String(after)}`);
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error(`Batch size must be a positive integer, got ${String(batchSize)}`);
  }
}

/** JSON text of a value, with an error naming the event when the value cannot round-trip. */
export function toJson(value: unknown, what: string): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new Error(`${what} is not JSON-serializable`, { cause: error });
  }
  if (json === undefined) throw new Error(`${what} is not JSON-serializable`);
  return json;
}

function validateEvent(stream: string, event: NewEvent, index: number): void {
  const where = `Event ${index} appended to stream ${stream}`;
  if (event === null || typeof event !== 'object') throw new Error(`${where} must be an object`);
  if (typeof event.type !== 'string' || event.type.trim() === '') {
    throw new Error(`${where} must have a non-empty string type, got ${JSON.stringify(event.type)}`);
  }
  if (event.type.includes('\u0000'))
    throw new Error(`${where} has a type with a NUL character: ${JSON.stringify(event.type)}`);
  if (event.data === undefined)
    throw new Error(`${where} (${event.type}) has no data; use null or an object`);
  const metadata: unknown = event.metadata;
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new Error(`${where} (${event.type}) must have a metadata object`);
  }
}

function isVersion(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
