/** One reason a message is invalid: where (a JSON path such as `referral.youngPerson.dateOfBirth`) and what. */
export type Issue = { path: string; message: string };

/**
 * An inbound message that cannot be accepted. `code` is stable (`MESSAGE.UNPARSEABLE`, `MESSAGE.INVALID`,
 * `MESSAGE.UNSUPPORTED_VERSION`, `MESSAGE.UNPROCESSABLE`); `issues` name every field at fault. Messages never quote field values.
 */
export class MessageRejected extends Error {
  constructor(
    readonly code: `MESSAGE.${string}`,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(issues.length ? `${message}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}` : message);
    this.name = 'MessageRejected';
  }
}

export type Json = Record<string, unknown>;

type StringRule = { min?: number; max?: number; pattern?: RegExp; hint?: string };

/** Collects every issue of a message instead of stopping at the first, so a partner can fix them all at once. */
export class Checker {
  readonly issues: Issue[] = [];

  fail(path: string, message: string): undefined {
    this.issues.push({ path, message });
    return undefined;
  }

  object(value: unknown, path: string, allowed?: readonly string[]): Json | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return this.fail(path, 'must be a JSON object');
    if (allowed)
      for (const key of Object.keys(value))
        if (!allowed.includes(key)) this.fail(join(path, key), 'is not a known field');
    return value as Json;
  }

  string(
    obj: Json,
    key: string,
    path: string,
    rule: StringRule & { optional?: boolean } = {},
  ): string | undefined {
    const at = join(path, key);
    const value = obj[key];
    if (value === undefined) return rule.optional ? undefined : this.fail(at, 'is required');
    if (typeof value !== 'string') return this.fail(at, 'must be a string');
    const { min = 1, max, pattern, hint } = rule;
    const badLength = lengthIssue([...value].length, min, max);
    if (badLength) return this.fail(at, badLength);
    if (pattern && !pattern.test(value)) return this.fail(at, hint ?? 'has an invalid format');
    return value;
  }

  oneOf<T extends string>(
    obj: Json,
    key: string,
    path: string,
    allowed: readonly T[],
    optional = false,
  ): T | undefined {
    const at = join(path, key);
    const value = obj[key];
    if (value === undefined) return optional ? undefined : this.fail(at, 'is required');
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
      return this.fail(at, `must be one of: ${allowed.join(', ')}`);
    return value as T;
  }

  array(
    obj: Json,
    key: string,
    path: string,
    { min = 0, max = Infinity, optional = false } = {},
  ): unknown[] | undefined {
    const at = join(path, key);
    const value = obj[key];
    if (value === undefined) return optional ? undefined : this.fail(at, 'is required');
    if (!Array.isArray(value)) return this.fail(at, 'must be an array');
    if (value.length < min)
      return this.fail(at, min === 1 ? 'must not be empty' : `must have at least ${min} items`);
    if (value.length > max) return this.fail(at, `must have at most ${max} items`);
    return value as unknown[];
  }

  /** The `MESSAGE.INVALID` rejection of everything found so far. */
  rejection(what: string): MessageRejected {
    return new MessageRejected('MESSAGE.INVALID', `${what} is invalid`, this.issues);
  }

  /** Throws `MESSAGE.INVALID` listing every issue found; otherwise `draft` is valid (every required field was checked present). */
  done<T>(what: string, draft: T): T {
    if (this.issues.length) throw this.rejection(what);
    return draft;
  }
}

/** Why a string of `length` characters breaks the `min`-`max` rule, if it does. */
function lengthIssue(length: number, min: number, max: number | undefined): string | undefined {
  if (length >= min && (max === undefined || length <= max)) return undefined;
  return max === undefined ? `must be at least ${min} characters` : `must be ${min}-${max} characters`;
}

export const join = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/** Parses a message value as a JSON object, or rejects it as unparseable. */
export function parseJson(value: Buffer | string | null): unknown {
  if (value === null || value.length === 0)
    throw new MessageRejected('MESSAGE.UNPARSEABLE', 'The message has no value');
  try {
    return JSON.parse(value.toString());
  } catch {
    throw new MessageRejected('MESSAGE.UNPARSEABLE', 'The message value is not valid JSON');
  }
}

/** Rejects a `schemaVersion` header other than the one this consumer understands (a missing header means the topic's version). */
export function requireSchemaVersion(headers: Record<string, string>, supported: number): void {
  const raw = headers.schemaVersion;
  if (raw !== undefined && raw !== String(supported)) {
    throw new MessageRejected(
      'MESSAGE.UNSUPPORTED_VERSION',
      `schemaVersion ${raw.slice(0, 20)} is not supported; this topic carries version ${supported}`,
    );
  }
}

/** Drops keys whose value is undefined, so what is stored looks like what arrives over HTTP. */
export function compact<T extends object>(value: T): T {
  // A loop rather than fromEntries(entries().filter()): the relay calls this for every message it
  // builds, and the arrays of pairs were a few percent of its thread (docs/performance.md).
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) out[key] = field;
  }
  return out as T;
}
