import {
  AMENDMENT_EVENT_TYPES,
  APPOINTMENT_EVENT_TYPES,
  PRESCRIPTION_EVENT_TYPES,
  ageInYears,
} from '@app/referral-domain';
import type { ReferralEvent } from '@app/referral-domain';
import type { ReferralSummary, SealedIdentity } from './referral-summary';
import { withClocks } from './referral-summary';
import { ethnicGroup, genderGroup } from './equity-groups';
import { evolveAmendmentSummary } from './referral-summary.amendments';
import { evolveAppointmentSummary } from './referral-summary.appointments';

export const REFERRAL_SUMMARY_EVENTS: ReadonlySet<string> = new Set<ReferralEvent['type']>([
  'ReferralReceived',
  'ReferralAccepted',
  'ReferralDeclined',
  'ReferralWithdrawn',
  'ReferralMerged',
  'ReferralTransferred',
  'DemographicsCorrected',
  'LinkWorkerAssigned',
  'ConsentObtained',
  'ConsentWithdrawn',
  'GoalsSet',
  'GoalScoreRecorded',
  'SessionHeld',
  'OutcomeRecorded',
  'ReferralEnded',
  'PersonalDataErased',
  ...APPOINTMENT_EVENT_TYPES,
  ...AMENDMENT_EVENT_TYPES,
  ...PRESCRIPTION_EVENT_TYPES,
]);

const min = (a: string | null, b: string): string => (a === null || b < a ? b : a);

/** The waiting clocks follow from the attended sessions and the first goals (docs/domain.md#referral-to-help-waiting-clocks). */

/** The sealed personal data of the event as stored (`data.personal`), kept unopened. */
function sealedIdentityOf(data: unknown): SealedIdentity | null {
  const envelope = (data as { personal?: unknown }).personal;
  return typeof envelope === 'object' &&
    envelope !== null &&
    typeof (envelope as SealedIdentity).kid === 'string'
    ? (envelope as SealedIdentity)
    : null;
}

/** Events recorded before the age was: from the date of birth when it is in the clear, else -1 (unknown). */
function ageFromOpenDateOfBirth(d: Extract<ReferralEvent, { type: 'ReferralReceived' }>['data']): number {
  const born = d.youngPerson?.dateOfBirth;
  return typeof born === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(born) ? ageInYears(born, d.receivedAt) : -1;
}

/**
 * The gender and ethnicity recorded, as coded groups only (the event's values are revealed to this
 * projection; placeholders of erased or sealed values count as not recorded).
 */
function equityGroups(d: Extract<ReferralEvent, { type: 'ReferralReceived' }>['data']) {
  const gender = genderGroup(d.youngPerson?.gender);
  const ethnicity = ethnicGroup(d.youngPerson?.ethnicity);
  return { ...(gender && { genderGroup: gender }), ...(ethnicity && { ethnicGroup: ethnicity }) };
}

function received(d: Extract<ReferralEvent, { type: 'ReferralReceived' }>['data']): ReferralSummary {
  return withClocks({
    referralId: d.referralId,
    status: 'received',
    linkWorkerId: null,
    sealedIdentity: sealedIdentityOf(d),
    ageAtReferral: d.ageAtReferral ?? ageFromOpenDateOfBirth(d),
    ...equityGroups(d),
    sourceKind: d.source.kind,
    sourceOrganisation: d.source.organisationCode ?? null,
    urgency: d.urgency,
    reasons: [...d.reasons],
    pcnCode: d.pcnCode ?? null,
    receivedAt: d.receivedAt,
    acceptedAt: null,
    declinedAt: null,
    endedAt: null,
    endReason: null,
    goalsSetAt: null,
    attendedSessions: [],
    lastSessionAt: null,
    firstContactAt: null,
    secondContactAt: null,
    helpStartedAt: null,
    scores: [],
  });
}

/** Support consented makes an accepted referral active; support withdrawn pauses it. */
function withConsent(row: ReferralSummary, given: boolean, scopes: readonly string[]): ReferralSummary {
  if (!scopes.includes('support')) return row;
  if (given && row.status === 'accepted') return { ...row, status: 'active' };
  if (!given && row.status === 'active') return { ...row, status: 'accepted' };
  return row;
}

/** Where the referral stands: triage, assignment, consent, ending, erasure. Undefined for other events. */
function evolveStatus(row: ReferralSummary, event: ReferralEvent): ReferralSummary | undefined {
  switch (event.type) {
    case 'ReferralAccepted':
      return { ...row, status: 'accepted', acceptedAt: event.data.at, linkWorkerId: event.data.linkWorkerId };
    case 'ReferralDeclined':
      return { ...row, status: 'declined', declinedAt: event.data.at };
    case 'ReferralWithdrawn':
      return { ...row, status: 'withdrawn', withdrawnAt: event.data.at };
    case 'ReferralMerged':
      return { ...row, status: 'merged', mergedAt: event.data.at, mergedInto: event.data.into };
    case 'ConsentObtained':
      return withConsent(row, true, event.data.scopes);
    case 'ConsentWithdrawn':
      return withConsent(row, false, event.data.scopes);
    case 'ReferralEnded':
      return { ...row, status: 'ended', endedAt: event.data.at, endReason: event.data.reason };
    case 'PersonalDataErased': {
      // The coded groups go with the values they came from (a rebuild reads them as erased too).
      const { genderGroup: _g, ethnicGroup: _e, ...rest } = row;
      return { ...rest, sealedIdentity: null };
    }
    default:
      return undefined;
  }
}

/** Who holds the referral and who it is of: assignment, transfer, corrected demographics. */
function evolveRecord(row: ReferralSummary, event: ReferralEvent): ReferralSummary | undefined {
  switch (event.type) {
    case 'LinkWorkerAssigned':
      return { ...row, linkWorkerId: event.data.linkWorkerId };
    case 'ReferralTransferred': {
      const { toTeam, toLinkWorkerId } = event.data;
      const linkWorkerId = toLinkWorkerId ?? (toTeam === undefined ? row.linkWorkerId : null);
      return { ...row, linkWorkerId, ...(toTeam !== undefined && { team: toTeam }) };
    }
    case 'DemographicsCorrected':
      // The correction's envelope holds the whole identity as corrected: it replaces the one kept.
      return {
        ...row,
        sealedIdentity: sealedIdentityOf(event.data) ?? row.sealedIdentity,
        ageAtReferral: event.data.ageAtReferral,
      };
    default:
      return undefined;
  }
}

/** What happened in the support: goals and their scores, sessions, outcome measures. Undefined for other events. */
function evolveCare(row: ReferralSummary, event: ReferralEvent): ReferralSummary | undefined {
  switch (event.type) {
    case 'GoalsSet': {
      const scores = event.data.goals.map((g) => ({
        measure: 'GBO',
        rater: 'young_person',
        series: g.goalId,
        score: g.score,
        at: event.data.at,
      }));
      return withClocks({
        ...row,
        goalsSetAt: min(row.goalsSetAt, event.data.at),
        scores: [...row.scores, ...scores],
      });
    }
    case 'GoalScoreRecorded': {
      const { goalId, score, at } = event.data;
      return {
        ...row,
        scores: [...row.scores, { measure: 'GBO', rater: 'young_person', series: goalId, score, at }],
      };
    }
    case 'SessionHeld': {
      const { at, attended, sessionId } = event.data;
      const lastSessionAt = row.lastSessionAt === null || at > row.lastSessionAt ? at : row.lastSessionAt;
      const sessionLog = { ...row.sessionLog, [sessionId]: { at, attended } };
      if (!attended) return { ...row, lastSessionAt, sessionLog };
      return withClocks({
        ...row,
        lastSessionAt,
        sessionLog,
        attendedSessions: [...row.attendedSessions, at].sort(),
      });
    }
    case 'OutcomeRecorded': {
      const { measure, rater, score, at, outcomeId } = event.data;
      return {
        ...row,
        scores: [...row.scores, { id: outcomeId, measure, rater, series: measure, score, at }],
      };
    }
    default:
      return undefined;
  }
}

/** Social prescriptions: the service prescribed, then the last uptake recorded. */
function evolvePrescriptionSummary(row: ReferralSummary, event: ReferralEvent): ReferralSummary | undefined {
  const prescriptions = row.prescriptions ?? [];
  if (event.type === 'ServicePrescribed') {
    const { prescriptionId, serviceId, at } = event.data;
    return {
      ...row,
      prescriptions: [...prescriptions, { prescriptionId, serviceId, prescribedAt: at, uptake: null }],
    };
  }
  if (event.type === 'PrescriptionUptakeRecorded') {
    const { prescriptionId, status } = event.data;
    return {
      ...row,
      prescriptions: prescriptions.map((p) =>
        p.prescriptionId === prescriptionId ? { ...p, uptake: status } : p,
      ),
    };
  }
  return undefined;
}

/**
 * Pure projection: the summary row after one event. Unknown or out-of-place events leave the row as it
 * was; a first event other than ReferralReceived is an error the runner reports, never a silent skip.
 */
export function evolveReferralSummary(
  row: ReferralSummary | null,
  event: ReferralEvent,
): ReferralSummary | null {
  if (event.type === 'ReferralReceived') return received(event.data);
  if (row === null) throw new Error(`${event.type} arrived before ReferralReceived`);
  return (
    evolveStatus(row, event) ??
    evolveRecord(row, event) ??
    evolveCare(row, event) ??
    evolveAppointmentSummary(row, event) ??
    evolveAmendmentSummary(row, event) ??
    evolvePrescriptionSummary(row, event) ??
    row
  );
}
