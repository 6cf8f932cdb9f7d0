import { evolveAppointments } from './referral.appointments.evolve';
import { evolvePrescription } from './referral.prescriptions';
import { evolveDuplicate } from './referral.duplicates';
import { evolveCorrection } from './referral.corrections';
import { evolveTransfer } from './referral.transfers';
import { evolveAmendment } from './referral.amendments';
import type { ReferralEvent } from './referral.events';
import type { HandoffState, OpenReferral, Referral } from './referral.state';
import { isReceived } from './referral.state';

/** Applies one event. Never throws; events it does not know leave the state as it was. */
export function evolve(state: Referral, event: ReferralEvent): Referral {
  if (event.type === 'ReferralReceived') {
    const {
      referralId,
      receivedAt,
      source,
      youngPerson,
      parentCarer,
      reasons,
      reasonsAsSent,
      pcnCode,
      schoolUrn,
      urgency,
      notes,
      episode,
    } = event.data;
    return {
      status: 'received',
      referralId,
      receivedAt,
      source,
      youngPerson,
      parentCarer,
      reasons,
      ...(reasonsAsSent && { reasonsAsSent }),
      pcnCode,
      schoolUrn,
      urgency,
      notes,
      ...(episode && { episode }),
      consent: { scopes: [], records: [], withdrawals: [] },
      goals: [],
      sessions: [],
      outcomes: [],
      handoffs: [],
      appointments: [],
      prescriptions: [],
    };
  }
  return isReceived(state) ? evolveOpen(state, event) : state;
}

/** Changes of status and records management; everything else is the case's work (`evolveCase`). */
function evolveOpen(s: OpenReferral, event: ReferralEvent): OpenReferral {
  switch (event.type) {
    case 'ReferralAccepted':
      return { ...s, status: 'accepted', acceptedAt: event.data.at, linkWorkerId: event.data.linkWorkerId };
    case 'ReferralDeclined':
      return {
        ...s,
        status: 'declined',
        declinedAt: event.data.at,
        declineReason: event.data.reason,
        signpostedTo: event.data.signpostedTo,
      };
    case 'ReferralWithdrawn':
      return { ...s, status: 'withdrawn', withdrawnAt: event.data.at, withdrawalReason: event.data.reason };
    case 'LinkWorkerAssigned':
      return { ...s, linkWorkerId: event.data.linkWorkerId };
    case 'ReferralTransferred':
      return evolveTransfer(s, event);
    case 'ReferralEnded':
      return { ...s, status: 'ended', endedAt: event.data.at, endReason: event.data.reason };
    case 'LegalHoldPlaced':
      return { ...s, legalHold: { at: event.data.at, reason: event.data.reason } };
    case 'LegalHoldLifted':
      return { ...s, legalHold: undefined };
    case 'PersonalDataErased':
      return { ...s, erasedAt: event.data.at };
    case 'ReferralMerged':
    case 'DuplicateKept':
      return evolveDuplicate(s, event);
    default:
      return evolveCase(s, event);
  }
}

/** Consent, goals, sessions, outcomes and handoffs. */
function evolveCase(s: OpenReferral, event: ReferralEvent): OpenReferral {
  switch (event.type) {
    case 'ConsentObtained': {
      const { at, givenBy, basis, scopes, competenceAssessedBy } = event.data;
      const merged = [...new Set([...s.consent.scopes, ...scopes])];
      const consent = {
        ...s.consent,
        scopes: merged,
        records: [...s.consent.records, { at, givenBy, basis, scopes, competenceAssessedBy }],
      };
      return { ...s, consent, status: statusForConsent(s, merged) };
    }
    case 'ConsentWithdrawn': {
      const remaining = s.consent.scopes.filter((scope) => !event.data.scopes.includes(scope));
      const withdrawals = [...s.consent.withdrawals, { at: event.data.at, scopes: event.data.scopes }];
      return {
        ...s,
        consent: { ...s.consent, scopes: remaining, withdrawals },
        status: statusForConsent(s, remaining),
      };
    }
    case 'GoalsSet': {
      const added = event.data.goals.map((g) => ({
        goalId: g.goalId,
        description: g.description,
        ...(g.need ? { need: g.need } : {}),
        setAt: event.data.at,
        scores: [{ at: event.data.at, score: g.score }],
      }));
      return { ...s, goals: [...s.goals, ...added] };
    }
    case 'GoalScoreRecorded': {
      const { goalId, at, score } = event.data;
      return {
        ...s,
        goals: s.goals.map((g) => (g.goalId === goalId ? { ...g, scores: [...g.scores, { at, score }] } : g)),
      };
    }
    case 'SessionHeld': {
      const { sessionId, at, format, setting, durationMinutes, attended, activities } = event.data;
      return {
        ...s,
        sessions: [...s.sessions, { sessionId, at, format, setting, durationMinutes, attended, activities }],
      };
    }
    case 'OutcomeRecorded': {
      const { outcomeId, at, measure, rater, score } = event.data;
      return { ...s, outcomes: [...s.outcomes, { outcomeId, at, measure, rater, score }] };
    }
    case 'HandoffRequested': {
      const { handoffId, target, reason, urgency, at, consentScope, safeguarding } = event.data;
      const handoff: HandoffState = {
        handoffId,
        target,
        reason,
        urgency,
        status: 'requested',
        requestedAt: at,
        consentScope,
        safeguarding: !!safeguarding,
      };
      return { ...s, handoffs: [...s.handoffs, handoff] };
    }
    case 'HandoffAcknowledged':
      return updateHandoff(s, event.data.handoffId, {
        status: 'acknowledged',
        answeredAt: event.data.at,
        reference: event.data.reference,
      });
    case 'HandoffRejected':
      return updateHandoff(s, event.data.handoffId, {
        status: 'rejected',
        answeredAt: event.data.at,
        rejectionReason: event.data.reason,
      });
    default:
      return evolveCorrections(s, event);
  }
}

/** Corrections of what was recorded (demographics, sessions, outcome scores), then appointments. */
function evolveCorrections(s: OpenReferral, event: ReferralEvent): OpenReferral {
  switch (event.type) {
    case 'DemographicsCorrected':
      return evolveCorrection(s, event);
    case 'SessionAmended':
    case 'OutcomeAmended':
    case 'OutcomeVoided':
      return evolveAmendment(s, event);
    case 'ServicePrescribed':
    case 'PrescriptionUptakeRecorded':
      return evolvePrescription(s, event);
    default:
      return evolveAppointments(s, event);
  }
}

function statusForConsent(s: OpenReferral, scopes: string[]): OpenReferral['status'] {
  if (s.status !== 'accepted' && s.status !== 'active') return s.status;
  return scopes.includes('support') ? 'active' : 'accepted';
}

function updateHandoff(s: OpenReferral, handoffId: string, patch: Partial<HandoffState>): OpenReferral {
  return { ...s, handoffs: s.handoffs.map((h) => (h.handoffId === handoffId ? { ...h, ...patch } : h)) };
}
