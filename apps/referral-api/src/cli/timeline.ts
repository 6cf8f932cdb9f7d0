import type { StoredEvent } from '@app/event-store';
import { printable } from './printable';

// Field values as text: what the template shows (numbers and booleans print the same).
type D = Record<string, string>;

/** One line per event type saying what happened, without personal data beyond what the auditor asked to see. */
const DESCRIBE: Record<string, (d: D) => string> = {
  ReferralReceived: (d) =>
    `referral received from ${(d.source as unknown as D).kind}; reasons ${(d.reasons as unknown as string[]).join(', ')}; urgency ${d.urgency}`,
  ReferralAccepted: (d) => `accepted, link worker ${d.linkWorkerId} (SNOMED ${d.snomedCode})`,
  ReferralDeclined: (d) =>
    `declined: ${d.reason}${d.signpostedTo ? `; signposted to ${d.signpostedTo}` : ''}`,
  LinkWorkerAssigned: (d) =>
    `assigned to ${d.linkWorkerId}${d.previousLinkWorkerId ? ` (was ${d.previousLinkWorkerId})` : ''}`,
  ConsentObtained: (d) =>
    `consent from ${d.givenBy} on basis ${d.basis}: ${(d.scopes as unknown as string[]).join(', ')}`,
  ConsentWithdrawn: (d) => `consent withdrawn: ${(d.scopes as unknown as string[]).join(', ')}`,
  GoalsSet: (d) => `${(d.goals as unknown as unknown[]).length} goal(s) set`,
  GoalScoreRecorded: (d) => `goal ${d.goalId} scored ${d.score}`,
  SessionHeld: (d) =>
    `${d.attended ? 'session attended' : 'session missed'}: ${d.format} at ${d.setting}, ${d.durationMinutes} min`,
  OutcomeRecorded: (d) => `${d.measure} recorded by ${d.rater}: ${JSON.stringify(d.score)}`,
  HandoffRequested: (d) =>
    `handoff to ${d.target} requested (${d.urgency})${d.safeguarding ? ' under safeguarding' : ` with consent ${d.consentScope}`}`,
  HandoffAcknowledged: (d) =>
    `handoff ${d.handoffId} acknowledged${d.reference ? `, reference ${d.reference}` : ''}`,
  HandoffRejected: (d) => `handoff ${d.handoffId} rejected${d.reason ? `: ${d.reason}` : ''}`,
  ReferralEnded: (d) => `support ended: ${d.reason}`,
  LegalHoldPlaced: (d) => `legal hold placed: ${d.reason}`,
  LegalHoldLifted: (d) => `legal hold lifted: ${d.reason}`,
  PersonalDataErased: (d) => `personal data erased (${d.basis}): ${d.reason}`,
  ReferralWithdrawn: (d) => `withdrawn by the referrer: ${d.reason}`,
  ReferralMerged: (d) => `merged as a duplicate into ${d.into}`,
  DuplicateKept: (d) => `kept apart from ${d.of} (not a duplicate)`,
  ServicePrescribed: (d) =>
    `prescribed ${d.serviceName} (${d.serviceId}) for ${(d.goalIds as unknown as string[]).length} goal(s)`,
  PrescriptionUptakeRecorded: (d) =>
    `prescription ${d.prescriptionId}: ${d.status}${d.feedbackScore !== undefined ? `, rated ${d.feedbackScore}/10` : ''}`,
  ReferralTransferred: (d) =>
    `transferred (${d.reason})${d.toLinkWorkerId ? ` to ${d.toLinkWorkerId}` : ''}${d.toTeam ? ` to team ${d.toTeam}` : ''}`,
  DemographicsCorrected: (d) =>
    `correction of ${d.corrects}: ${(d.corrected as unknown as string[]).join(', ')}; reason: ${d.reason}`,
  SessionAmended: (d) =>
    `correction of ${d.corrects} ${d.sessionId}: ${Object.keys(d.changes as unknown as D).join(', ')}; reason: ${d.reason}`,
  OutcomeAmended: (d) =>
    `correction of ${d.corrects} ${d.outcomeId}: ${JSON.stringify(d.previousScore)} -> ${JSON.stringify(d.score)}; reason: ${d.reason}`,
  OutcomeVoided: (d) => `${d.corrects} ${d.outcomeId} voided: ${d.reason}`,
};

/** A readable timeline: time, actor, what happened; stored text is escaped (`printable`). */
export function timeline(events: StoredEvent[]): string {
  return events
    .map((e) => {
      const m = e.metadata;
      const what = DESCRIBE[e.type]?.(e.data as D) ?? e.type;
      const who = `${m.actor.sub} (${m.actor.roles.join(',')})`;
      return printable(
        `${String(e.version).padStart(4)}  ${m.occurredAt.replace('T', ' ').slice(0, 16)}  ${who.padEnd(34)}  ${what}`,
      );
    })
    .join('\n');
}
