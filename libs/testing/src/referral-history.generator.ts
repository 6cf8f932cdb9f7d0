import { randomUUID } from 'node:crypto';
import { decide, evolve, initialState, referralStreamName } from '@app/referral-domain';
import type {
  Referral,
  ReferralCommand,
  ReferralEvent,
  ReferralReason,
  ReferralSourceKind,
} from '@app/referral-domain';

/** mulberry32: a small seeded PRNG so every run generates the same history. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SOURCES: [ReferralSourceKind, number][] = [
  ['gp', 0.3],
  ['school', 0.3],
  ['parent_carer', 0.12],
  ['self', 0.06],
  ['camhs', 0.08],
  ['youth_worker', 0.06],
  ['mhst', 0.04],
  ['other', 0.04],
];
const REASONS: ReferralReason[] = [
  'anxiety',
  'low_mood',
  'social_isolation',
  'self_esteem',
  'bullying',
  'school_attendance',
  'bereavement',
  'family_difficulties',
];
const PCNS = ['U12345', 'U23456', 'U34567', 'U45678'];
const DAY = 86_400_000;

export type GeneratedReferral = { referralId: string; stream: string; events: ReferralEvent[] };

/** A uuid-shaped id derived from the seed and index, stable across runs. */
function idFor(seed: number, index: number): string {
  const hex = (n: number, len: number) => (n >>> 0).toString(16).padStart(len, '0').slice(-len);
  return `${hex(seed, 8)}-${hex(index >>> 16, 4)}-4${hex(index, 3)}-8${hex(index * 7, 3)}-${hex(index * 2654435761, 8)}${hex(seed ^ index, 4)}`;
}

/** Options of `generateReferralHistories`. */
export type GenerateOptions = {
  /**
   * Mean events per referral. Each history is cut to a prefix, the referral as it stood part-way
   * through its pathway (as in a snapshot of a live service), so `count` referrals hold about
   * `count * eventsPerReferral` events. Without it every history runs to its end (about 10 events).
   */
  eventsPerReferral?: number;
};

/**
 * Realistic referral histories: a mix of sources, ages 5-19, about 96% accepted, waits of days to
 * months, weekly sessions with some missed, goal and outcome scores, a few handoffs. Every event is
 * produced by the real decider, so the history is one the system could have recorded.
 */
export function generateReferralHistories(
  count: number,
  seed = 42,
  start = Date.parse('2025-01-06T09:00:00Z'),
  options: GenerateOptions = {},
): GeneratedReferral[] {
  const rnd = seededRandom(seed);
  // Its own random stream, so the histories are the same with or without a target, only shorter.
  const cut =
    options.eventsPerReferral === undefined
      ? undefined
      : prefixCutter(options.eventsPerReferral, seededRandom(~seed));
  const pick = <T>(items: T[]) => items[Math.floor(rnd() * items.length)]!;
  const weighted = <T>(items: [T, number][]) => {
    let r = rnd();
    for (const [item, w] of items) if ((r -= w) <= 0) return item;
    return items[items.length - 1]![0];
  };
  const out: GeneratedReferral[] = [];
  for (let i = 0; i < count; i++) {
    const referralId = idFor(seed, i);
    const received = start + Math.floor(rnd() * 300) * DAY + Math.floor(rnd() * 8) * 3_600_000;
    const age = 5 + Math.floor(rnd() * 15);
    const dob = new Date(received - (age * 365.25 + 30 + rnd() * 300) * DAY).toISOString().slice(0, 10);
    let state: Referral = initialState;
    const events: ReferralEvent[] = [];
    let t = received;
    const run = (command: ReferralCommand) => {
      for (const e of decide(command, state)) {
        state = evolve(state, e);
        events.push(e);
      }
    };
    const at = () => new Date(t).toISOString();
    const now = new Date(start + 800 * DAY).toISOString();
    const base = () => ({ referralId, at: at(), now });
    run({
      type: 'ReceiveReferral',
      referralId,
      now,
      policy: { minAgeYears: 5, maxAgeYears: 19 },
      receivedAt: at(),
      source: { kind: weighted(SOURCES) },
      youngPerson: {
        givenName: `Young${i}`,
        familyName: `Person${i % 997}`,
        dateOfBirth: dob,
        postcode: 'LA1 1AA',
      },
      reasons: [pick(REASONS)],
      pcnCode: pick(PCNS),
      urgency: rnd() < 0.1 ? 'urgent' : 'routine',
    });
    t += Math.floor(rnd() * 21) * DAY + 3_600_000;
    if (rnd() < 0.04) {
      run({
        type: 'DeclineReferral',
        ...base(),
        reason: 'Needs are outside the service',
        signpostedTo: 'Kooth',
      });
    } else {
      growHistory(run, base, () => (t += Math.floor(1 + rnd() * 14) * DAY), rnd, age, i);
    }
    out.push({ referralId, stream: referralStreamName(referralId), events: cut ? cut(events) : events });
  }
  return out;
}

/**
 * Cuts each history to a prefix of about `target` events, spread evenly from 1 to 2 * target - 1.
 * What a short history cannot give is owed to the next ones, so the mean stays on target.
 */
function prefixCutter(target: number, rnd: () => number): (events: ReferralEvent[]) => ReferralEvent[] {
  if (!Number.isFinite(target) || target < 1)
    throw new Error(`eventsPerReferral must be at least 1, got ${target}`);
  let owed = 0;
  return (events) => {
    const wanted = target + owed;
    const keep = Math.min(events.length, Math.max(1, Math.round(wanted + (rnd() * 2 - 1) * (target - 1))));
    owed = wanted - keep;
    return events.slice(0, keep);
  };
}

function growHistory(
  run: (c: ReferralCommand) => void,
  base: () => { referralId: string; at: string; now: string },
  advance: () => void,
  rnd: () => number,
  age: number,
  i: number,
): void {
  run({ type: 'AcceptReferral', ...base(), linkWorkerId: `lw-${i % 40}` });
  advance();
  const basis = age >= 16 ? 'aged_16_or_over' : 'parental_responsibility';
  run({
    type: 'ObtainConsent',
    ...base(),
    givenBy: age >= 16 ? 'young_person' : 'parent_carer',
    basis,
    scopes: ['support', 'share_with_camhs'],
  });
  const sessions = Math.floor(rnd() * 7);
  const goalId = `${base().referralId.slice(0, 24)}${String(i % 1e12).padStart(12, '0')}`;
  for (let s = 0; s < sessions; s++) {
    advance();
    holdSession(run, base, rnd, age, goalId, s, sessions);
  }
  if (rnd() < 0.08)
    run({
      type: 'RequestHandoff',
      ...base(),
      handoffId: `${goalId.slice(0, 30)}${'9'.repeat(6)}`,
      target: 'camhs',
      reason: 'Needs specialist assessment',
      urgency: 'routine',
    });
  if (rnd() < 0.7) {
    advance();
    run({ type: 'EndReferral', ...base(), reason: rnd() < 0.8 ? 'goals_achieved' : 'disengaged' });
  }
}

/** Session `s` of `sessions`; the first also sets the goal, the first and last record outcomes. */
function holdSession(
  run: (c: ReferralCommand) => void,
  base: () => { referralId: string; at: string; now: string },
  rnd: () => number,
  age: number,
  goalId: string,
  s: number,
  sessions: number,
): void {
  run({
    type: 'HoldSession',
    ...base(),
    sessionId: `${goalId.slice(0, 30)}${String(s).padStart(6, '0')}`,
    format: 'one_to_one',
    setting: 'school',
    durationMinutes: 45,
    attended: rnd() < 0.85,
    activities: [],
  });
  if (s === 0)
    run({
      type: 'SetGoals',
      ...base(),
      goals: [{ goalId, description: 'Feel calmer at school', score: Math.floor(rnd() * 5) }],
    });
  if (s === 0 || s === sessions - 1) {
    run({
      type: 'RecordOutcome',
      ...base(),
      outcomeId: `${goalId.slice(0, 30)}${String(s + 100).padStart(6, '0')}`,
      measure: age >= 13 ? 'ORS' : 'CORS',
      rater: 'young_person',
      score: Math.round(rnd() * 40),
    });
  }
  if (s > 0 && s === sessions - 1)
    run({ type: 'RecordGoalScore', ...base(), goalId, score: Math.min(10, Math.floor(rnd() * 11)) });
}

/** Metadata for appending a generated event: a fresh event id, stamped as the generator at a fixed time. */
export const generatedMetadata = () => ({
  eventId: randomUUID(),
  occurredAt: '2025-01-01T00:00:00Z',
  actor: { sub: 'gen', roles: [] as string[] },
  correlationId: 'gen',
  causationId: 'gen',
  schemaVersion: 1,
});
