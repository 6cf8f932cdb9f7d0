import { PERSONAL_DATA_FIELDS, sealedFieldsOf } from '@app/referral-domain';
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

/**
 * The personal values of an event and the rest of its data; undefined when it holds none. What is
 * personal is everything the domain does not declare clear (`sealedFieldsOf`).
 */
export function splitPersonalData(type: string, data: unknown): PersonalDataSplit | undefined {
  if (!isRecord(data)) return undefined;
  const paths = sealedFieldsOf(type, data);
  if (paths.length === 0) return undefined;
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

type Container = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

function childOf(node: Container, key: string): unknown {
  if (Array.isArray(node)) return /^\d+$/.test(key) ? node[Number(key)] : undefined;
  return Object.hasOwn(node, key) ? node[key] : undefined;
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
    if (!isContainer(node)) return undefined;
    node = childOf(node, key);
  }
  return node;
}

function copyOf(source: Record<string, unknown>, omit?: string): Record<string, unknown> {
  if (omit === undefined) return { ...source };
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) if (key !== omit) copy[key] = source[key];
  return copy;
}

// Copy-on-write: each object or array on a changed path is copied once, so the caller's event never
// changes. Array elements are addressed by index (`goals.0.description`); a removed element leaves null,
// so the indexes of the others stay put.
class Draft {
  readonly root: Record<string, unknown>;
  private readonly copies: object[] = [];

  constructor(source: Record<string, unknown>, omit?: string) {
    this.root = copyOf(source, omit);
    this.copies.push(this.root);
  }

  set(path: PersonalFieldPath, value: unknown): void {
    const segments = segmentsOf(path);
    const last = segments.length - 1;
    let node: Container = this.root;
    for (let i = 0; i < last; i++) {
      const key = segments[i] as string;
      const child = childOf(node, key);
      const next = isContainer(child) ? this.own(child) : this.fresh(/^\d+$/.test(segments[i + 1] as string));
      (node as Record<string, unknown>)[key] = next;
      node = next;
    }
    (node as Record<string, unknown>)[segments[last] as string] = value;
  }

  remove(path: PersonalFieldPath): void {
    const segments = segmentsOf(path);
    const last = segments.length - 1;
    let node: Container = this.root;
    for (let i = 0; i < last; i++) {
      const key = segments[i] as string;
      const child = childOf(node, key);
      if (!isContainer(child)) return;
      node = (node as Record<string, unknown>)[key] = this.own(child);
    }
    const key = segments[last] as string;
    if (Array.isArray(node)) node[Number(key)] = null;
    else delete node[key];
  }

  // Few objects are ever copied per event, so a list beats a Set here.
  private own<T extends Container>(node: T): T {
    if (this.copies.includes(node)) return node;
    const copy = (Array.isArray(node) ? [...node] : { ...node }) as T;
    this.copies.push(copy);
    return copy;
  }

  private fresh(array: boolean): Container {
    const node: Container = array ? [] : {};
    this.copies.push(node);
    return node;
  }
}
