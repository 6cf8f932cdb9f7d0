import type { ReferralReceived, SessionHeld, YoungPerson } from '@app/referral-domain';

/** Where a personal value sits in an event's `data`: a dotted path such as `youngPerson.givenName`. */
export type PersonalFieldPath = string;

/** Personal values of one event, by path. */
export type PersonalValues = Record<PersonalFieldPath, unknown>;

/** An event's `data` split into what stays in the clear and its personal values (in `fields` order). */
export type PersonalDataSplit = {
  clear: Record<string, unknown>;
  fields: PersonalFieldPath[];
  values: PersonalValues;
};

// Typed against the domain events, so renaming a field there breaks the build here instead of
// silently leaving it in the clear.
const referralReceived: readonly (`youngPerson.${keyof YoungPerson}` | keyof ReferralReceived['data'])[] = [
  'youngPerson.givenName',
  'youngPerson.familyName',
  'youngPerson.dateOfBirth',
  'youngPerson.nhsNumber',
  'youngPerson.postcode',
  'youngPerson.gender',
  'youngPerson.ethnicity',
  'parentCarer',
  'notes',
];
const sessionHeld: readonly (keyof SessionHeld['data'])[] = ['notes'];

/**
 * The personal data in each event type: names, date of birth, NHS number, postcode, gender,
 * ethnicity, parent/carer contact and free-text notes. Types not listed hold none. Old events
 * stay readable when this list changes, because each stored event records which fields it sealed.
 */
export const PERSONAL_DATA_FIELDS: Readonly<Record<string, readonly PersonalFieldPath[]>> = {
  ReferralReceived: referralReceived,
  SessionHeld: sessionHeld,
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
    const value = valueAt(data, path.split('.'));
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
  const draft = new Draft(clear);
  for (const path of fields) if (path in values) draft.set(path, values[path]);
  return draft.root;
}

/** `clear` with `marker` (e.g. "[erased]") in place of each personal field. */
export function maskPersonalData(
  clear: Record<string, unknown>,
  fields: readonly PersonalFieldPath[],
  marker: string,
): Record<string, unknown> {
  const draft = new Draft(clear);
  for (const path of fields) draft.set(path, marker);
  return draft.root;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(data: Record<string, unknown>, segments: string[]): unknown {
  let node: unknown = data;
  for (const key of segments) {
    if (!isRecord(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** A copy-on-write view of a data object: each object on a changed path is copied once, the source never changes. */
class Draft {
  readonly root: Record<string, unknown>;
  private readonly copies = new Set<object>();

  constructor(source: Record<string, unknown>) {
    this.root = this.copy(source);
  }

  set(path: PersonalFieldPath, value: unknown): void {
    const segments = path.split('.');
    const last = segments.pop() as string;
    let node = this.root;
    for (const key of segments) {
      const child = node[key];
      node = node[key] = isRecord(child) ? this.own(child) : this.copy({});
    }
    node[last] = value;
  }

  remove(path: PersonalFieldPath): void {
    const segments = path.split('.');
    const last = segments.pop() as string;
    let node = this.root;
    for (const key of segments) {
      const child = node[key];
      if (!isRecord(child)) return;
      node = node[key] = this.own(child);
    }
    delete node[last];
  }

  private own(node: Record<string, unknown>): Record<string, unknown> {
    return this.copies.has(node) ? node : this.copy(node);
  }

  private copy(node: Record<string, unknown>): Record<string, unknown> {
    const copy = { ...node };
    this.copies.add(copy);
    return copy;
  }
}
