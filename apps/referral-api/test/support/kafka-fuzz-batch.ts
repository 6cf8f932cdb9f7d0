import { randomUUID } from 'node:crypto';
import type { TopicNames } from '@app/contracts';
import type { HandoffTarget } from '@app/referral-domain';
import type { OutboundMessage } from '@app/messaging';
import type { Draft, HeaderDraft } from './kafka-fuzz-cases';
import { PLACEHOLDER, handoffTargets } from './kafka-fuzz-cases';

/** The header that names each fuzz message; the gateway ignores it and a dead letter keeps it. */
export const CASE_HEADER = 'x-fuzz-case';

/** What a message must end as; a resend's depends on how its original ended. */
export type Expectation =
  | { kind: 'accepted' }
  | { kind: 'dead-lettered'; code: RegExp }
  | { kind: 'any' }
  | { kind: 'resend'; of: number; changed: boolean };

export type Sent = {
  id: string;
  index: number;
  topic: 'referrals' | 'responses';
  message: OutboundMessage & { key: string; headers: Record<string, string> };
  /** The JSON sent, when it was JSON. */
  json: unknown;
  why: string;
  expect: Expectation;
};

export type Seed = { referralId: string; handoff?: { handoffId: string; target: HandoffTarget } };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const REFERRAL_EXPECT: Record<string, Expectation> = {
  valid: { kind: 'accepted' },
  'big-valid': { kind: 'accepted' },
  mutated: { kind: 'any' },
  'bad-nhs-checksum': { kind: 'dead-lettered', code: /^REFERRAL\.INVALID_NHS_NUMBER$/ },
  'bad-nhs-format': { kind: 'dead-lettered', code: /^MESSAGE\.INVALID$/ },
  huge: { kind: 'dead-lettered', code: /^MESSAGE\.INVALID$/ },
  'too-old': { kind: 'dead-lettered', code: /^REFERRAL\.(AGE_OUT_OF_RANGE|INVALID_DATE_OF_BIRTH)$/ },
};
const ANSWER_EXPECT: Record<string, Expectation> = {
  valid: { kind: 'accepted' },
  mutated: { kind: 'any' },
  'wrong-target': { kind: 'dead-lettered', code: /^HANDOFF\.TARGET_MISMATCH$/ },
  'unknown-handoff': { kind: 'dead-lettered', code: /^REFERRAL\.HANDOFF_NOT_FOUND$/ },
  'unknown-referral': { kind: 'dead-lettered', code: /^REFERRAL\.NOT_FOUND$/ },
  huge: { kind: 'dead-lettered', code: /^MESSAGE\.INVALID$/ },
};

function headersOf(h: HeaderDraft, id: string): Record<string, string> {
  return {
    ...Object.fromEntries(h.extra),
    ...(h.schemaVersion === undefined ? {} : { schemaVersion: h.schemaVersion }),
    ...(h.correlationId === undefined ? {} : { correlationId: h.correlationId }),
    [CASE_HEADER]: id,
  };
}

/** With a schemaVersion header other than 1 any message is dead-lettered before it is read. */
function withHeaders(expect: Expectation, h: HeaderDraft): Expectation {
  return h.schemaVersion !== undefined && h.schemaVersion !== '1'
    ? { kind: 'dead-lettered', code: /^MESSAGE\.UNSUPPORTED_VERSION$/ }
    : expect;
}

/** Fills in the answer's referral and handoff, seeding what it needs to find (or, by its flaw, not find). */
function answerFor(message: Obj, why: string, seeds: Seed[]): Obj {
  if (message.referralId !== PLACEHOLDER.referralId) return message;
  const referralId = randomUUID();
  const handoffId = randomUUID();
  const target = handoffTargets[seeds.length % handoffTargets.length]!;
  if (why !== 'unknown-referral') seeds.push({ referralId, handoff: { handoffId, target } });
  const other = handoffTargets.find((t) => t !== target)!;
  return {
    ...message,
    referralId,
    ...(message.handoffId === PLACEHOLDER.handoffId
      ? { handoffId: why === 'unknown-handoff' ? randomUUID() : handoffId }
      : {}),
    ...(message.target === 'camhs' ? { target: why === 'wrong-target' ? other : target } : {}),
  };
}

/** The same referral (same sender and message id) with other content, or a second answer to the same handoff. */
function changed(json: Obj, topic: 'referrals' | 'responses', id: string): Obj {
  if (topic === 'responses') return { ...json, messageId: `${String(json.messageId)}-again` };
  if (json.format === 'fhir-r4')
    return { ...json, sourceKind: json.sourceKind === 'school' ? 'gp' : 'school' };
  return isObj(json.referral)
    ? { ...json, referral: { ...json.referral, notes: `Changed on resend ${id}` } }
    : { ...json, extra: id };
}

type Entry = Omit<Sent, 'id' | 'index'>;
type Topic = Sent['topic'];
/** What building one draft needs: its case id, and where the batch's messages and seeds go. */
type Batch = { id: string; run: number; index: number; seeds: Seed[]; topicName: (t: Topic) => string };

/** A message sent before in the batch that a resend can repeat: not itself a resend, and JSON. */
const isOriginal = (s: Sent) => s.expect.kind !== 'resend' && s.json !== undefined;

/** Bytes that are not a message (or a resend with nothing yet to repeat, sent as `{`). */
function broken(text: string | null, binary: boolean, topic: Topic, b: Batch): Entry {
  const value =
    text === null
      ? null
      : binary
        ? Buffer.concat([Buffer.from([0xff, 0xfe, 0x00]), Buffer.from(text, 'utf16le')])
        : text;
  return {
    topic,
    json: undefined,
    why: 'broken',
    message: { topic: b.topicName(topic), key: `k${b.id}`, value, headers: { [CASE_HEADER]: b.id } },
    expect: { kind: 'dead-lettered', code: /^MESSAGE\.(UNPARSEABLE|INVALID)$/ },
  };
}

function resend(draft: Extract<Draft, { t: 'resend' }>, originals: Sent[], b: Batch): Entry {
  const original = originals[draft.of % originals.length]!;
  let json = original.json;
  if (draft.changed && isObj(json)) json = changed(json, original.topic, b.id);
  return {
    topic: original.topic,
    json,
    why: draft.changed ? 'changed resend' : 'resend',
    message: {
      ...original.message,
      value: JSON.stringify(json),
      headers: { ...original.message.headers, [CASE_HEADER]: b.id },
    },
    expect: { kind: 'resend', of: original.index, changed: draft.changed },
  };
}

/** An answer is keyed by its referral, as the partner keys it; anything else by its case. */
function keyOf(topic: Topic, json: unknown, id: string): string {
  return topic === 'responses' && isObj(json) && typeof json.referralId === 'string'
    ? json.referralId
    : `k${id}`;
}

function drafted(draft: Extract<Draft, { t: 'referral' | 'answer' }>, b: Batch): Entry {
  let json = draft.message;
  if (isObj(json) && json.messageId === PLACEHOLDER.messageId)
    json = { ...json, messageId: `fz${b.run}-${b.index}` };
  const topic = draft.t === 'referral' ? 'referrals' : 'responses';
  if (topic === 'responses' && isObj(json)) json = answerFor(json, draft.why, b.seeds);
  return {
    topic,
    json,
    why: draft.why,
    message: {
      topic: b.topicName(topic),
      key: keyOf(topic, json, b.id),
      value: JSON.stringify(json) ?? 'null',
      headers: headersOf(draft.headers, b.id),
    },
    expect: withHeaders(
      (draft.t === 'referral' ? REFERRAL_EXPECT : ANSWER_EXPECT)[draft.why]!,
      draft.headers,
    ),
  };
}

function entryFor(draft: Draft, sent: Sent[], b: Batch): Entry {
  if (draft.t === 'raw') return broken(draft.value, draft.binary, draft.topic, b);
  if (draft.t !== 'resend') return drafted(draft, b);
  const originals = sent.filter(isOriginal);
  return originals.length ? resend(draft, originals, b) : broken('{', false, 'referrals', b);
}

/**
 * Turns a batch of drafts into messages: unique message ids (unless a mutation moved them), referrals
 * and handoffs seeded for the answers, resends pointed at an earlier message of the batch.
 */
export function buildBatch(
  drafts: Draft[],
  run: number,
  topics: TopicNames,
): { sent: Sent[]; seeds: Seed[] } {
  const sent: Sent[] = [];
  const seeds: Seed[] = [];
  const topicName = (t: Topic) => (t === 'referrals' ? topics.referralsInbound : topics.handoffResponses);
  drafts.forEach((draft, index) => {
    const id = `${run}-${index}`;
    sent.push({ id, index, ...entryFor(draft, sent, { id, run, index, seeds, topicName }) });
  });
  return { sent, seeds };
}

/** Messages in the order given, in sends of at most `size`; a large message goes alone (the broker takes 1 MB per batch). */
export function sendGroups(sent: Sent[], size = 100, large = 64 * 1024): OutboundMessage[][] {
  const groups: OutboundMessage[][] = [];
  let current: OutboundMessage[] = [];
  for (const { message } of sent) {
    const bytes = message.value === null ? 0 : Buffer.byteLength(message.value);
    if (bytes > large || current.length >= size) {
      if (current.length) groups.push(current);
      current = [];
    }
    if (bytes > large) groups.push([message]);
    else current.push(message);
  }
  if (current.length) groups.push(current);
  return groups;
}
