import { OUTCOME_MEASURES, RATERS, REFERRAL_SOURCE_KINDS } from '@app/referral-domain';
import type { ReferralIdentityTable } from '../database';
import type { OutcomeScoreEntry, ReferralSummary } from '../referral-summary/referral-summary';
import { withClocks } from '../referral-summary/referral-summary';
import { ETHNIC_GROUPS, GENDER_GROUPS } from '../referral-summary/equity-groups';
import type { RecordedEthnicity, RecordedGender } from '../referral-summary/equity-groups';

/**
 * Varied referral summaries for comparing the reports aggregated in SQL with the reference reports (a
 * test fixture): every status, clocks stopped before and after the dates reports are taken at,
 * unknown ages and PCNs, the groups of every breakdown, back-dated clock stops, and scores of every
 * measure and rater, paired or not. Times are UTC `toISOString()`, as events hold them.
 */
export function randomSummaries(count: number, rnd: () => number): ReferralSummary[] {
  const out: ReferralSummary[] = [];
  for (let i = 0; i < count; i++) out.push(randomSummary(`r-${String(i).padStart(4, '0')}`, rnd));
  return out;
}

const DAY_MS = 86_400_000;
const FIRST = Date.parse('2025-12-01T00:00:00.000Z');
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

type Random = {
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  after(t: number, days: number): number;
};

const randomOf = (rnd: () => number): Random => ({
  pick: (items) => items[Math.floor(rnd() * items.length)]!,
  chance: (p) => rnd() < p,
  after: (t, days) => t + Math.floor(rnd() * days * DAY_MS),
});

/** Attended sessions after acceptance, some weeks apart. */
function sessionsAfter(accepted: number | null, r: Random): number[] {
  const sessions: number[] = [];
  if (accepted === null) return sessions;
  for (let n = r.pick([0, 1, 2, 3, 4, 5]); n > 0; n--)
    sessions.push(r.after(sessions.at(-1) ?? accepted, 30));
  return sessions;
}

/** How a referral closed, if it did: each closure excludes the others, as the decider has it. */
function closure(received: number, accepted: number | null, lastSeen: number, r: Random) {
  const none = { declined: null, withdrawn: null, merged: null, ended: null };
  if (accepted === null && r.chance(0.6)) return { ...none, declined: r.after(received, 20) };
  if (r.chance(0.06)) return { ...none, withdrawn: r.after(received, 90) };
  if (r.chance(0.05)) return { ...none, merged: r.after(received, 30) };
  if (accepted !== null && r.chance(0.45)) return { ...none, ended: r.after(lastSeen, 60) };
  return none;
}

/** When things happened to one referral. */
function timeline(r: Random) {
  const received = r.after(FIRST, 200);
  const accepted = r.chance(0.85) ? r.after(received, 40) : null;
  const sessions = sessionsAfter(accepted, r);
  const goalsSet = sessions.length && r.chance(0.7) ? r.after(accepted!, 50) : null;
  return {
    received,
    accepted,
    sessions,
    goalsSet,
    ...closure(received, accepted, sessions.at(-1) ?? accepted ?? received, r),
  };
}

function statusOf(t: ReturnType<typeof timeline>, r: Random): ReferralSummary['status'] {
  if (t.declined !== null) return 'declined';
  if (t.withdrawn !== null) return 'withdrawn';
  if (t.merged !== null) return 'merged';
  if (t.ended !== null) return 'ended';
  return t.accepted === null ? 'received' : r.pick(['accepted', 'active'] as const);
}

/** Recorded gender and ethnicity, each absent (not recorded) now and then. */
function equityGroups(r: Random): Pick<ReferralSummary, 'genderGroup' | 'ethnicGroup'> {
  const gender = r.pick<RecordedGender | undefined>([
    ...GENDER_GROUPS.filter((g) => g !== 'not_recorded'),
    undefined,
  ]);
  const ethnicity = r.pick<RecordedEthnicity | undefined>([
    ...ETHNIC_GROUPS.filter((g) => g !== 'not_recorded'),
    undefined,
  ]);
  return { ...(gender && { genderGroup: gender }), ...(ethnicity && { ethnicGroup: ethnicity }) };
}

function randomSummary(referralId: string, rnd: () => number): ReferralSummary {
  const r = randomOf(rnd);
  const t = timeline(r);
  const sessions = t.sessions.map((at) => iso(at)!);
  return withClocks({
    referralId,
    status: statusOf(t, r),
    linkWorkerId: t.accepted === null ? null : r.pick(['lw-1', 'lw-2']),
    sealedIdentity: null,
    ...(r.chance(0.1) && { backdatedClockStops: r.pick([1, 2]) }),
    ageAtReferral: r.chance(0.05) ? -1 : r.pick([4, 5, 8, 10, 11, 13, 15, 16, 17, 19, 20]),
    ...equityGroups(r),
    sourceKind: r.pick(REFERRAL_SOURCE_KINDS),
    pcnCode: r.pick([null, 'U12345', 'U23456', 'U34567', 'U12345', 'U23456', 'U34567']),
    receivedAt: iso(t.received)!,
    acceptedAt: iso(t.accepted),
    declinedAt: iso(t.declined),
    withdrawnAt: iso(t.withdrawn),
    mergedAt: iso(t.merged),
    mergedInto: t.merged === null ? null : 'r-0000',
    endedAt: iso(t.ended),
    endReason: t.ended === null ? null : 'goals_achieved',
    goalsSetAt: iso(t.goalsSet),
    attendedSessions: sessions,
    lastSessionAt: sessions.at(-1) ?? null,
    firstContactAt: null,
    secondContactAt: null,
    helpStartedAt: null,
    scores: sessions.length ? randomScores(sessions, rnd) : [],
  });
}

/** Scores around the sessions: some before the first contact, some after the second, some of ONS4 items. */
function randomScores(sessions: string[], rnd: () => number): OutcomeScoreEntry[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const scores: OutcomeScoreEntry[] = [];
  for (let n = Math.floor(rnd() * 7); n > 0; n--) {
    const measure = pick(OUTCOME_MEASURES);
    const at = new Date(Date.parse(pick(sessions)) + Math.floor((rnd() - 0.3) * 10) * DAY_MS).toISOString();
    const score =
      measure === 'ONS4'
        ? { lifeSatisfaction: 5, worthwhile: 6, happiness: 7 }
        : measure === 'SWEMWBS'
          ? 7 + Math.floor(rnd() * 29)
          : measure === 'GBO'
            ? Math.floor(rnd() * 11)
            : Math.round(rnd() * 400) / 10;
    const rater = measure === 'GBO' ? 'young_person' : pick(RATERS);
    const series = measure === 'GBO' ? pick(['g1', 'g2', 'g3']) : measure;
    scores.push({ measure, rater, series, score, at });
  }
  return scores;
}

/**
 * Blind-index rows (`referral_identity`, tokens as opaque strings) for these referrals, a test
 * fixture: young people referred several times, by NHS number or by name and date of birth alone, a
 * name and date of birth carrying one NHS number or two, a name spelt another way with the same NHS
 * number, referrals kept apart by a link worker (one even from itself), referrals without tokens, and
 * re-referrals 4 to 7 days after a referral of the same young person closed (5 joins its spell, 6 not).
 */
export function randomIdentities(
  summaries: readonly ReferralSummary[],
  people: number,
  rnd: () => number,
): ReferralIdentityTable[] {
  const r = randomOf(rnd);
  const personOf = new Map(summaries.map((s) => [s.referralId, Math.floor(rnd() * people)]));
  rereferred(summaries, personOf, r);
  const ids = [...personOf.keys()];
  return [...personOf]
    .filter(() => !r.chance(0.04)) // erased: no tokens
    .map(([id, k]) => identityRow(id, k, ids, personOf, r));
}

const dayOf = (t: string) => Math.floor(Date.parse(t) / DAY_MS);

/** Makes some referrals re-referrals of the young person of one that closed 4 to 7 days before. */
function rereferred(summaries: readonly ReferralSummary[], personOf: Map<string, number>, r: Random) {
  for (const s of summaries) {
    const closed = s.declinedAt ?? s.withdrawnAt ?? s.endedAt;
    if (closed == null || !r.chance(0.4)) continue;
    const gap = r.pick([4, 5, 5, 6, 6, 7]);
    const later = summaries.filter((o) => dayOf(o.receivedAt) - dayOf(closed) === gap);
    if (later.length) personOf.set(r.pick(later).referralId, personOf.get(s.referralId)!);
  }
}

function identityRow(
  id: string,
  k: number,
  ids: string[],
  personOf: ReadonlyMap<string, number>,
  r: Random,
): ReferralIdentityTable {
  const others = ids.filter((o) => o !== id && personOf.get(o) === k);
  const keptApart = others.length && r.chance(0.05) ? [r.pick(others)] : [];
  if (r.chance(0.02)) keptApart.push(id);
  if (r.chance(0.02)) keptApart.push(r.pick(ids));
  return {
    referral_id: id,
    nhs: r.chance(0.45) ? `nhs-${k}` : r.chance(0.05) ? `nhs-${k}-other` : null,
    name: null,
    dob: null,
    person: r.chance(0.05) ? null : r.chance(0.08) ? `person-${k}-spelt` : `person-${k}`,
    kept_apart: JSON.stringify(keptApart),
  };
}
