import { PERSONAL_DATA_FIELDS } from '@app/referral-domain';
import type { PersonalFieldPath } from '@app/referral-domain';

export { PERSONAL_DATA_FIELDS };
export type { PersonalFieldPath };

/** Personal values of one event, by path. */
export type PersonalValues = Record<PersonalFieldPath, unknown>;

/** An event's `data` split into what stays in the clear and its personal values (in `fields` order). */
export type PersonalDataSplit = {
  clear: Record<string, unknown>;
  fields: PersonalFieldPath[];
  values: PersonalValues;
};

/**
 * Whose data key seals an event's personal data: its referral, i.e. one key per referral's young
 * person. A person-level index could later map several referrals to one key; each stored event
 * names the key it used (`kid`), so events sealed before such a change stay readable.
 */
export function subjectOf(data: unknown): string | undefined {
  const id = isRecord(data) ? data.referralId : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The personal values of an event and the rest of its data; undefined when it holds none. */
export function splitPersonalData(type: string, data: unknown): PersonalDataSplit | undefined {
  const paths = PERSONAL_DATA_FIELDS[type];
  if (paths === undefined || !isRecord(data)) return undefined;
  const draft = new Draft(data);
  const fields: PersonalFieldPath[] = [];
  const values: PersonalValues = {};
  for (const path of paths) {
    const value = valueAt(data, segmentsOf(path));
    if (value === undefined) continue;
    fields.push(path);
    values[path] = value;
    draft.remove(path);
  }
  return fields.length === 0 ? undefined : { clear: draft.root, fields, values };
}

/** `clear` with the personal values put back where they came from. */
export function mergePersonalData(
  clear: Record<string, unknown>,
  fields: readonly PersonalFieldPath[],
  values: PersonalValues,
): Record<string, unknown> {
  return fillPersonalData(clear, undefined, fields, (path) => values[path]);
}

/** `clear` with `marker` (e.g. "[erased]") in place of each personal field. */
export function maskPersonalData(
  clear: Record<string, unknown>,
  fields: readonly PersonalFieldPath[],
  marker: string,
): Record<string, unknown> {
  return fillPersonalData(clear, undefined, fields, () => marker);
}

/**
 * A copy of `data` without its key `omit`, with each of `fields` set to `valueOf(field)` (skipped
 * when undefined). One pass and no `delete`, because every event of a rebuild goes through here.
 */
export function fillPersonalData(
  data: Record<string, unknown>,
  omit: string | undefined,
  fields: readonly PersonalFieldPath[],
  valueOf: (path: PersonalFieldPath) => unknown,
): Record<string, unknown> {
  const draft = new Draft(data, omit);
  for (const path of fields) {
    const value = valueOf(path);
    if (value !== undefined) draft.set(path, value);
  }
  return draft.root;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const segmentCache = new Map<PersonalFieldPath, readonly string[]>();

function segmentsOf(path: PersonalFieldPath): readonly string[] {
  let segments = segmentCache.get(path);
  if (segments === undefined) {
    segments = path.split('.');
    if (segmentCache.size < 1000) segmentCache.set(path, segments);
  }
  return segments;
}

function valueAt(data: Record<string, unknown>, segments: readonly string[]): unknown {
  let node: unknown = data;
  for (const key of segments) {
    if (!isRecord(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

function copyOf(source: Record<string, unknown>, omit?: string): Record<string, unknown> {
  if (omit === undefined) return { ...source };
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) if (key !== omit) copy[key] = source[key];
  return copy;
}

// Copy-on-write: each object on a changed path is copied once, so the caller's event never changes.
class Draft {
  readonly root: Record<string, unknown>;
  private readonly copies: object[] = [];

  constructor(source: Record<string, unknown>, omit?: string) {
    this.root = this.own(copyOf(source, omit), true);
  }

  set(path: PersonalFieldPath, value: unknown): void {
    const segments = segmentsOf(path);
    const last = segments.length - 1;
    let node = this.root;
    for (let i = 0; i < last; i++) {
      const key = segments[i] as string;
      const child = node[key];
      node = node[key] = this.own(isRecord(child) ? child : {}, !isRecord(child));
    }
    node[segments[last] as string] = value;
  }

  remove(path: PersonalFieldPath): void {
    const segments = segmentsOf(path);
    const last = segments.length - 1;
    let node = this.root;
    for (let i = 0; i < last; i++) {
      const key = segments[i] as string;
      const child = node[key];
      if (!isRecord(child)) return;
      node = node[key] = this.own(child, false);
    }
    delete node[segments[last] as string];
  }

  // Few objects are ever copied per event, so a list beats a Set here.
  private own(node: Record<string, unknown>, fresh: boolean): Record<string, unknown> {
    if (!fresh && this.copies.includes(node)) return node;
    const copy = fresh ? node : { ...node };
    this.copies.push(copy);
    return copy;
  }
}
