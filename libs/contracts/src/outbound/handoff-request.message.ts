import { calendarDaysBetween } from '@app/referral-domain';
import type {
  ConsentBasis,
  ConsentGiver,
  ConsentScope,
  HandoffRequested,
  HandoffTarget,
  OpenReferral,
  ReferralReason,
  ReferralSourceKind,
  Urgency,
} from '@app/referral-domain';
import { compact } from '../validation';

/** The waiting clocks of a referral at the moment of the handoff (docs/domain.md#referral-to-help-waiting-clocks). */
export type WaitingClocksV1 = {
  receivedAt: string;
  acceptedAt: string | null;
  firstContactAt: string | null;
  secondContactAt: string | null;
  helpStartedAt: string | null;
  /** Whole UTC calendar days from referral to the handoff request. */
  daysSinceReferral: number;
};

export type SharedUnderV1 =
  | {
      basis: 'consent';
      consentScope: ConsentScope;
      givenBy: ConsentGiver;
      consentBasis: ConsentBasis;
      consentedAt: string;
    }
  | { basis: 'safeguarding'; justification: string };

/** A `handoffs.<target>.v1` message: one requested handoff, with only the data its target needs. */
export type HandoffRequestMessageV1 = {
  handoffId: string;
  referralId: string;
  target: HandoffTarget;
  requestedAt: string;
  reason: string;
  urgency: Urgency;
  sharedUnder: SharedUnderV1;
  youngPerson: {
    givenName: string;
    familyName: string;
    dateOfBirth: string;
    nhsNumber?: string;
    postcode?: string;
    gender?: string;
  };
  parentCarer?: { name: string; relationship: string; phone?: string; email?: string };
  referral: {
    receivedAt: string;
    sourceKind: ReferralSourceKind;
    reasons?: ReferralReason[];
    pcnCode?: string;
    schoolUrn?: string;
  };
  linkWorkerId?: string;
  clocks: WaitingClocksV1;
};

/**
 * Builds the message of a handoff from the referral as it stood when the handoff was requested.
 * Minimum necessary (Caldicott): health partners (CAMHS, MHST) get the identity a clinical record
 * needs, the parent or carer contact and the presenting reasons; a school gets the pupil's name and
 * date of birth, never the NHS number, address or health reasons beyond the handoff's own reason.
 * Session notes, goals and outcome scores are never shared. The legal basis travels with the data.
 */
export function handoffRequestMessage(
  referral: OpenReferral,
  event: HandoffRequested['data'],
): HandoffRequestMessageV1 {
  const health = event.target !== 'school';
  const y = referral.youngPerson;
  const youngPerson = health
    ? compact({
        givenName: y.givenName,
        familyName: y.familyName,
        dateOfBirth: y.dateOfBirth,
        nhsNumber: y.nhsNumber,
        postcode: y.postcode,
        gender: y.gender,
      })
    : { givenName: y.givenName, familyName: y.familyName, dateOfBirth: y.dateOfBirth };
  const p = referral.parentCarer;
  return compact({
    handoffId: event.handoffId,
    referralId: event.referralId,
    target: event.target,
    requestedAt: event.at,
    reason: event.reason,
    urgency: event.urgency,
    sharedUnder: sharedUnder(referral, event),
    youngPerson,
    parentCarer:
      health && p
        ? compact({ name: p.name, relationship: p.relationship, phone: p.phone, email: p.email })
        : undefined,
    referral: compact({
      receivedAt: referral.receivedAt,
      sourceKind: referral.source.kind,
      reasons: health ? referral.reasons : undefined,
      pcnCode: referral.pcnCode,
      schoolUrn: referral.schoolUrn,
    }),
    linkWorkerId: referral.linkWorkerId,
    clocks: waitingClocks(referral, event.at),
  });
}

function sharedUnder(referral: OpenReferral, event: HandoffRequested['data']): SharedUnderV1 {
  const scope = event.consentScope;
  const record = scope
    ? [...referral.consent.records].reverse().find((r) => r.scopes.includes(scope) && r.at <= event.at)
    : undefined;
  if (scope && record)
    return {
      basis: 'consent',
      consentScope: scope,
      givenBy: record.givenBy,
      consentBasis: record.basis,
      consentedAt: record.at,
    };
  // The decider records a scope only when consent was given, so a missing record means a safeguarding share.
  return { basis: 'safeguarding', justification: event.safeguarding?.justification ?? '' };
}

/** The same clock rules as the commissioner reports: contacts are attended sessions; help starts at the first on or after goals were set. */
export function waitingClocks(referral: OpenReferral, asOf: string): WaitingClocksV1 {
  const attended = referral.sessions
    .filter((s) => s.attended && s.at <= asOf)
    .map((s) => s.at)
    .sort();
  const goalsSetAt = referral.goals
    .map((g) => g.setAt)
    .filter((at) => at <= asOf)
    .sort()[0];
  const helpStartedAt = goalsSetAt === undefined ? undefined : attended.find((at) => at >= goalsSetAt);
  return {
    receivedAt: referral.receivedAt,
    acceptedAt: referral.acceptedAt ?? null,
    firstContactAt: attended[0] ?? null,
    secondContactAt: attended[1] ?? null,
    helpStartedAt: helpStartedAt ?? null,
    daysSinceReferral: calendarDaysBetween(referral.receivedAt, asOf),
  };
}
