import { requireValidOutcome } from './referral.care.decide';
import { ReferralErrors } from './referral.errors';
import type { OutcomeScore } from './referral.events';
import { requireValidTime } from './referral.guards';
import type { OpenReferral, SessionRecord } from './referral.state';
import type { SessionFormat, SessionSetting } from './referral.vocabulary';

/** What an amendment of a session may change (docs/domain.md#corrections). */
export type SessionChanges = Partial<{
  at: string;
  format: SessionFormat;
  setting: SessionSetting;
  durationMinutes: number;
  attended: boolean;
}>;
const SESSION_FIELDS = ['at', 'format', 'setting', 'durationMinutes', 'attended'] as const;

type Amending = { referralId: string; at: string; now: string; reason: string };
export type AmendSession = Amending & { type: 'AmendSession'; sessionId: string; changes: SessionChanges };
export type AmendOutcome = Amending & { type: 'AmendOutcome'; outcomeId: string; score: OutcomeScore };
export type VoidOutcome = Amending & { type: 'VoidOutcome'; outcomeId: string };
export type AmendmentCommand = AmendSession | AmendOutcome | VoidOutcome;

/** A correction of a recorded session: the fields that changed, what they were, and why (sealed). */
export type SessionAmended = {
  type: 'SessionAmended';
  data: {
    referralId: string;
    at: string;
    sessionId: string;
    corrects: 'SessionHeld';
    changes: SessionChanges;
    previous: SessionChanges;
    reason: string;
  };
};
/** A correction of a recorded outcome score; reports use the amended score. */
export type OutcomeAmended = {
  type: 'OutcomeAmended';
  data: {
    referralId: string;
    at: string;
    outcomeId: string;
    corrects: 'OutcomeRecorded';
    score: OutcomeScore;
    previousScore: OutcomeScore;
    reason: string;
  };
};
/** A recorded outcome score that should never have been: it leaves every report. */
export type OutcomeVoided = {
  type: 'OutcomeVoided';
  data: { referralId: string; at: string; outcomeId: string; corrects: 'OutcomeRecorded'; reason: string };
};
export type AmendmentEvent = SessionAmended | OutcomeAmended | OutcomeVoided;
export const AMENDMENT_EVENT_TYPES = ['SessionAmended', 'OutcomeAmended', 'OutcomeVoided'] as const;
const COMMANDS = new Set(['AmendSession', 'AmendOutcome', 'VoidOutcome']);

export const isAmendmentCommand = (c: { type: string }): c is AmendmentCommand => COMMANDS.has(c.type);

function reasonOf(c: Amending): string {
  const reason = c.reason.trim();
  if (reason.length === 0) throw ReferralErrors.correctionReasonRequired('An amendment needs a reason');
  return reason;
}

function amendSession(c: AmendSession, s: OpenReferral): AmendmentEvent[] {
  const session = s.sessions.find((x) => x.sessionId === c.sessionId);
  if (!session) throw ReferralErrors.sessionNotFound(`No session ${c.sessionId} on this referral`);
  if (c.changes.at !== undefined) requireValidTime(c.changes.at, c.now, s.receivedAt);
  const reason = reasonOf(c);
  const fields = SESSION_FIELDS.filter((f) => c.changes[f] !== undefined && c.changes[f] !== session[f]);
  if (fields.length === 0) return [];
  const pick = (from: SessionChanges | SessionRecord) => Object.fromEntries(fields.map((f) => [f, from[f]]));
  const { referralId, at, sessionId } = c;
  const data = { referralId, at, sessionId, corrects: 'SessionHeld' as const };
  return [
    { type: 'SessionAmended', data: { ...data, changes: pick(c.changes), previous: pick(session), reason } },
  ];
}

function amendOutcome(c: AmendOutcome | VoidOutcome, s: OpenReferral): AmendmentEvent[] {
  const outcome = s.outcomes.find((x) => x.outcomeId === c.outcomeId);
  if (!outcome) throw ReferralErrors.outcomeNotFound(`No outcome ${c.outcomeId} on this referral`);
  if (outcome.voided) throw ReferralErrors.outcomeVoided(`Outcome ${c.outcomeId} was voided`);
  const reason = reasonOf(c);
  const { referralId, at, outcomeId } = c;
  const data = { referralId, at, outcomeId, corrects: 'OutcomeRecorded' as const, reason };
  if (c.type === 'VoidOutcome') return [{ type: 'OutcomeVoided', data }];
  requireValidOutcome({ measure: outcome.measure, score: c.score, at: outcome.at }, s);
  if (JSON.stringify(c.score) === JSON.stringify(outcome.score)) return [];
  return [{ type: 'OutcomeAmended', data: { ...data, score: c.score, previousScore: outcome.score } }];
}

/** Amends a session or an outcome score already recorded, whatever the case's status now. */
export function decideAmendment(c: AmendmentCommand, s: OpenReferral): AmendmentEvent[] {
  return c.type === 'AmendSession' ? amendSession(c, s) : amendOutcome(c, s);
}

export function evolveAmendment(s: OpenReferral, event: AmendmentEvent): OpenReferral {
  switch (event.type) {
    case 'SessionAmended':
      return {
        ...s,
        sessions: s.sessions.map((x) =>
          x.sessionId === event.data.sessionId ? { ...x, ...event.data.changes } : x,
        ),
      };
    case 'OutcomeAmended':
      return {
        ...s,
        outcomes: s.outcomes.map((x) =>
          x.outcomeId === event.data.outcomeId ? { ...x, score: event.data.score } : x,
        ),
      };
    case 'OutcomeVoided':
      return {
        ...s,
        outcomes: s.outcomes.map((x) => (x.outcomeId === event.data.outcomeId ? { ...x, voided: true } : x)),
      };
  }
}
