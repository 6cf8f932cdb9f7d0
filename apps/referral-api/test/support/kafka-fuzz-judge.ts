import {
  DLQ_HEADERS,
  FORMATS,
  canonicalJson,
  inboundReferralId,
  parseInboundReferral,
  sha256,
} from '@app/contracts';
import type { StoredEvent } from '@app/event-store';
import type { InboundMessage } from '@app/messaging';
import { normaliseNhsNumber, referralStreamName } from '@app/referral-domain';
import { CASE_HEADER } from './kafka-fuzz-batch';
import type { Expectation, Sent } from './kafka-fuzz-batch';

/** How one message ended: its event appended, a dead letter with a reason, or nothing (recognised as a resend). */
export type Outcome =
  { kind: 'accepted'; event: StoredEvent } | { kind: 'dead-lettered'; code: string } | { kind: 'duplicate' };

export type Observed = {
  /** The messages as the broker stored them (a recorder of the inbound topics). */
  inbound: InboundMessage[];
  /** Dead letters written by the consumer group under test. */
  deadLetters: InboundMessage[];
  /** Every event appended while the batch was handled. */
  events: StoredEvent[];
  /** Reads a whole stream, to tell a recognised resend from a dropped message. */
  readStream: (stream: string) => Promise<StoredEvent[]>;
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const where = (m: { topic: string; partition: number; offset: string }) =>
  `${m.topic}/${m.partition}/${m.offset}`;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

type Note = (s: Sent, what: string) => void;
/** What the broker and the store hold, indexed for judging one message at a time. */
type Found = {
  /** Events by the message that caused them (topic/partition/offset); each is taken out once judged. */
  caused: Map<string, StoredEvent[]>;
  /** Dead letters by fuzz case. */
  letters: Map<string, InboundMessage[]>;
  readStream: Observed['readStream'];
};

/**
 * Decides each message's outcome from what the broker and the store hold, and lists every way the
 * gateway fell short: no outcome or two, a dead letter without its reason or not carrying the message
 * unchanged, an event that is not what the message asked for, an event no message caused, a message
 * that vanished, and any outcome other than the one its construction calls for.
 */
export async function judge(
  sent: Sent[],
  seen: Observed,
): Promise<{ outcomes: Map<string, Outcome>; problems: string[] }> {
  const problems: string[] = [];
  const note = (s: Sent, what: string) => problems.push(`#${s.id} (${s.topic}, ${s.why}): ${what}`);
  const placed = new Map(seen.inbound.map((m) => [m.headers[CASE_HEADER], m]));
  const found: Found = {
    caused: byOrigin(seen.events),
    letters: byCase(seen.deadLetters),
    readStream: seen.readStream,
  };
  const outcomes = new Map<string, Outcome>();
  for (const s of sent) {
    const original = placed.get(s.id);
    if (!original) {
      note(s, 'not found on its topic');
      continue;
    }
    outcomes.set(s.id, await outcomeOf(s, original, found, note));
  }
  for (const [at, events] of found.caused)
    problems.push(`${events.length} event(s) no message of the batch caused: ${at}`);
  for (const s of sent) {
    const outcome = outcomes.get(s.id);
    if (outcome) checkExpectation(s, outcome, outcomes, sent, note);
  }
  return { outcomes, problems };
}

function byCase(deadLetters: InboundMessage[]): Map<string, InboundMessage[]> {
  const letters = new Map<string, InboundMessage[]>();
  for (const d of deadLetters)
    letters.set(d.headers[CASE_HEADER] ?? '?', [...(letters.get(d.headers[CASE_HEADER] ?? '?') ?? []), d]);
  return letters;
}

function byOrigin(events: StoredEvent[]): Map<string, StoredEvent[]> {
  const caused = new Map<string, StoredEvent[]>();
  for (const e of events) {
    const k = e.metadata.kafka as { topic: string; partition: number; offset: string } | undefined;
    const at = k ? where(k) : `no kafka origin: ${e.stream} v${e.version} ${e.type}`;
    caused.set(at, [...(caused.get(at) ?? []), e]);
  }
  return caused;
}

/** One message's outcome, noting what is wrong with it; takes the events it caused out of `found`. */
async function outcomeOf(s: Sent, original: InboundMessage, found: Found, note: Note): Promise<Outcome> {
  const events = found.caused.get(where(original)) ?? [];
  found.caused.delete(where(original));
  const dl = found.letters.get(s.id) ?? [];
  if (events.length > 1 || dl.length > 1 || (events.length && dl.length))
    note(s, `${events.length} events and ${dl.length} dead letters`);
  if (dl[0]) {
    checkDeadLetter(s, dl[0], original, note);
    return { kind: 'dead-lettered', code: dl[0].headers[DLQ_HEADERS.reasonCode] ?? '' };
  }
  if (events[0]) {
    checkEvent(s, events[0], note);
    return { kind: 'accepted', event: events[0] };
  }
  if (!(await recognisedResend(s, found.readStream)))
    note(s, 'neither applied nor dead-lettered, and not a resend of anything stored');
  return { kind: 'duplicate' };
}

function checkDeadLetter(s: Sent, d: InboundMessage, original: InboundMessage, note: Note): void {
  const h = d.headers;
  if (!h[DLQ_HEADERS.reasonCode] || !h[DLQ_HEADERS.reason])
    note(s, 'dead letter without a reason code and reason');
  if (
    h[DLQ_HEADERS.originalTopic] !== original.topic ||
    h[DLQ_HEADERS.originalPartition] !== String(original.partition) ||
    h[DLQ_HEADERS.originalOffset] !== original.offset
  )
    note(s, 'dead letter does not point at the original message');
  const same = (a: Buffer | null, b: Buffer | null) => (a === null || b === null ? a === b : a.equals(b));
  if (!same(d.value, original.value) || !same(d.key, original.key))
    note(s, 'dead letter does not carry the key and value unchanged');
}

function checkEvent(s: Sent, e: StoredEvent, note: Note): void {
  const m = s.json as Obj;
  const data = e.data as Obj;
  checkMetadata(s, e, m, note);
  if (s.topic === 'referrals') checkReferralEvent(s, e, m, data, note);
  else checkAnswerEvent(s, e, m, data, note);
}

function checkMetadata(s: Sent, e: StoredEvent, m: Obj, note: Note): void {
  if (
    e.metadata.channel !== 'kafka' ||
    e.metadata.messageId !== m.messageId ||
    e.metadata.sourceSystem !== m.sourceSystem
  )
    note(s, 'event metadata does not name the message');
  const correlation = s.message.headers.correlationId;
  if (
    correlation !== undefined &&
    FORMATS.correlationId.test(correlation) !== (e.metadata.correlationId === correlation)
  )
    note(s, 'correlationId header taken although invalid, or dropped although valid');
}

function checkReferralEvent(s: Sent, e: StoredEvent, m: Obj, data: Obj, note: Note): void {
  const id = inboundReferralId(String(m.sourceSystem), String(m.messageId));
  if (e.type !== 'ReferralReceived' || e.stream !== referralStreamName(id))
    return note(s, `appended ${e.type} to ${e.stream}`);
  // The contract's parse is the oracle for what a referral message says; the first drafts are also checked against what was generated.
  const parsed = parseInboundReferral(s.message.value, s.message.headers).referral;
  const young = parsed.youngPerson;
  const expected = {
    ...young,
    ...(young.nhsNumber ? { nhsNumber: normaliseNhsNumber(young.nhsNumber) } : {}),
  };
  if (
    canonicalJson(data.youngPerson) !== canonicalJson(expected) ||
    canonicalJson(data.reasons) !== canonicalJson(parsed.reasons)
  )
    note(s, 'the young person or reasons stored differ from the message');
  checkSentPerson(s, m, data, note);
}

function checkSentPerson(s: Sent, m: Obj, data: Obj, note: Note): void {
  const sentPerson = isObj(m.referral) && isObj(m.referral.youngPerson) ? m.referral.youngPerson : undefined;
  if (
    s.why === 'valid' &&
    m.format === 'native' &&
    sentPerson &&
    (sentPerson.givenName !== (data.youngPerson as Obj).givenName ||
      sentPerson.dateOfBirth !== (data.youngPerson as Obj).dateOfBirth)
  )
    note(s, 'the stored young person is not the one sent');
}

function checkAnswerEvent(s: Sent, e: StoredEvent, m: Obj, data: Obj, note: Note): void {
  const type = m.outcome === 'acknowledged' ? 'HandoffAcknowledged' : 'HandoffRejected';
  if (
    e.type !== type ||
    e.stream !== referralStreamName(String(m.referralId).toLowerCase()) ||
    data.handoffId !== String(m.handoffId).toLowerCase()
  )
    note(s, `appended ${e.type} to ${e.stream}`);
  const text = m.outcome === 'acknowledged' ? ['reference', m.reference] : ['reason', m.reason];
  if (data[text[0] as string] !== text[1]) note(s, `stored ${String(text[0])} differs from the message`);
}

/** A message that changed nothing must be a resend of something already in the store. */
async function recognisedResend(
  s: Sent,
  readStream: (stream: string) => Promise<StoredEvent[]>,
): Promise<boolean> {
  const m = s.json;
  if (!isObj(m) || !str(m.sourceSystem) || !str(m.messageId)) return false;
  if (s.topic === 'referrals') {
    const [first] = await readStream(
      referralStreamName(inboundReferralId(String(m.sourceSystem), String(m.messageId))),
    );
    return (
      first !== undefined &&
      first.metadata.messageId === m.messageId &&
      first.metadata.contentHash === sha256(canonicalJson(m))
    );
  }
  if (!str(m.referralId)) return false;
  const events = await readStream(referralStreamName(String(m.referralId).toLowerCase()));
  return events.some(
    (e) => e.metadata.messageId === m.messageId && e.metadata.sourceSystem === m.sourceSystem,
  );
}

function checkExpectation(
  s: Sent,
  outcome: Outcome,
  outcomes: Map<string, Outcome>,
  sent: Sent[],
  note: Note,
): void {
  const got = outcome.kind === 'dead-lettered' ? `dead-lettered ${outcome.code}` : outcome.kind;
  const e = s.expect;
  if (e.kind === 'accepted' && outcome.kind !== 'accepted') note(s, `expected accepted, got ${got}`);
  if (e.kind === 'dead-lettered' && !(outcome.kind === 'dead-lettered' && e.code.test(outcome.code)))
    note(s, `expected dead-lettered ${e.code}, got ${got}`);
  if (e.kind === 'resend') checkResend(s, e, got, outcomes, sent, note);
}

/** A resend ends as its original's outcome calls for. */
function checkResend(
  s: Sent,
  e: Extract<Expectation, { kind: 'resend' }>,
  got: string,
  outcomes: Map<string, Outcome>,
  sent: Sent[],
  note: Note,
): void {
  const first = outcomes.get(sent[e.of]!.id);
  if (!first) return;
  if (!e.changed) {
    // The same message again: applied once, or dead-lettered for the same reason again.
    const want = first.kind === 'dead-lettered' ? `dead-lettered ${first.code}` : 'duplicate';
    if (got !== want) note(s, `resend of #${sent[e.of]!.id} (${first.kind}): expected ${want}, got ${got}`);
  } else if (first.kind === 'accepted') {
    const want = s.topic === 'referrals' ? 'REFERRAL.ALREADY_EXISTS' : 'REFERRAL.HANDOFF_ALREADY_ANSWERED';
    if (got !== `dead-lettered ${want}`)
      note(s, `changed resend of an accepted message: expected dead-lettered ${want}, got ${got}`);
  }
}
