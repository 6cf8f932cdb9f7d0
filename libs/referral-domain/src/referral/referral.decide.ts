import { ageInYears, isCalendarDate, instant } from '../shared/dates';
import { isValidNhsNumber, normaliseNhsNumber } from '../shared/nhs-number';
import { decideAppointment, isAppointmentCommand } from './referral.appointments.decide';
import { decidePrescription, isPrescriptionCommand } from './referral.prescriptions';
import { decideCare } from './referral.care.decide';
import { decideDuplicate } from './referral.duplicates';
import { decideCorrection } from './referral.corrections';
import { nextEpisode } from './referral.episodes';
import { decideTransfer } from './referral.transfers';
import { decideAmendment, isAmendmentCommand } from './referral.amendments';
import type { AmendmentCommand } from './referral.amendments';
import type { CorrectDemographics } from './referral.corrections';
import type {
  AcceptReferral,
  AcknowledgeHandoff,
  AssignLinkWorker,
  DeclineReferral,
  WithdrawReferral,
  EndReferral,
  ReceiveReferral,
  ReferralCommand,
  RejectHandoff,
} from './referral.commands';
import { decideConsent } from './referral.consent.decide';
import { ReferralErrors } from './referral.errors';
import type { ReferralEvent } from './referral.events';
import { requireNotClosed, requireReferral, requireStatus, requireValidTime } from './referral.guards';
import { decideHandoff } from './referral.handoff.decide';
import { decideRecords } from './referral.records.decide';
import type { RecordsCommand } from './referral.records.decide';
import type { OpenReferral, Referral } from './referral.state';
import { SNOMED } from './referral.vocabulary';

/** Commands that apply once the referral is received and the case is still open. */
type OpenCaseCommand = Exclude<
  ReferralCommand,
  | ReceiveReferral
  | RecordsCommand
  | AcknowledgeHandoff
  | RejectHandoff
  | CorrectDemographics
  | AmendmentCommand
>;

/** Decides which events a command produces, or throws a `ReferralRuleError`. Pure and exhaustive. */
export function decide(command: ReferralCommand, state: Referral): ReferralEvent[] {
  if (command.type === 'ReceiveReferral') return receive(command, state);
  const referral = requireReferral(state);
  if (
    command.type === 'PlaceLegalHold' ||
    command.type === 'LiftLegalHold' ||
    command.type === 'ErasePersonalData'
  ) {
    requireValidTime(command.at, command.now, referral.receivedAt);
    return decideRecords(command, referral);
  }
  if (referral.erasedAt)
    throw ReferralErrors.erased(
      'The personal data of this referral has been erased; it accepts no further changes',
    );
  if (command.type === 'CorrectDemographics' || isAmendmentCommand(command)) {
    // The record is put right whatever the case's status, until its personal data is erased.
    requireValidTime(command.at, command.now, referral.receivedAt);
    return command.type === 'CorrectDemographics'
      ? decideCorrection(command, referral)
      : decideAmendment(command, referral);
  }
  if (command.type === 'AcknowledgeHandoff' || command.type === 'RejectHandoff') {
    // A partner's answer to a handoff made while the case was open is recorded even after the case ends.
    // Only such a handoff is exempt: any other handoff id on a closed referral is a command on a closed referral.
    if (!referral.handoffs.some((h) => h.handoffId === command.handoffId)) requireNotClosed(referral);
    requireValidTime(command.at, command.now, referral.receivedAt);
    return decideHandoff(command, referral);
  }
  requireNotClosed(referral);
  requireValidTime(command.at, command.now, referral.receivedAt);
  return decideOpenCase(command, referral);
}

type TriageCommand = AcceptReferral | DeclineReferral | WithdrawReferral;
const TRIAGE = new Set(['AcceptReferral', 'DeclineReferral', 'WithdrawReferral']);
const isTriage = (c: OpenCaseCommand): c is TriageCommand => TRIAGE.has(c.type);
type CareCommand = Parameters<typeof decideCare>[0];
const CARE = new Set(['SetGoals', 'RecordGoalScore', 'HoldSession', 'RecordOutcome']);
const isCare = (c: OpenCaseCommand): c is CareCommand => CARE.has(c.type);

function decideOpenCase(command: OpenCaseCommand, referral: OpenReferral): ReferralEvent[] {
  if (isTriage(command)) return decideTriage(command, referral);
  if (isAppointmentCommand(command)) return decideAppointment(command, referral);
  if (isPrescriptionCommand(command)) return decidePrescription(command, referral);
  if (isCare(command)) return decideCare(command, referral);
  switch (command.type) {
    case 'ResolveDuplicate':
      return decideDuplicate(command, referral);
    case 'TransferReferral':
      return decideTransfer(command, referral);
    case 'AssignLinkWorker':
      return assign(command, referral);
    case 'ObtainConsent':
    case 'WithdrawConsent':
      return decideConsent(command, referral);
    case 'RequestHandoff':
      return decideHandoff(command, referral);
    case 'EndReferral':
      return end(command, referral);
    default:
      return assertNever(command);
  }
}

function receive(c: ReceiveReferral, state: Referral): ReferralEvent[] {
  if (state.status !== 'none') throw ReferralErrors.alreadyReceived('A referral with this id already exists');
  requireValidTime(c.receivedAt, c.now);
  const { dateOfBirth, nhsNumber } = c.youngPerson;
  if (!isCalendarDate(dateOfBirth))
    throw ReferralErrors.invalidDateOfBirth(`${dateOfBirth} is not a real date (YYYY-MM-DD)`);
  if (instant(`${dateOfBirth}T00:00:00Z`) > instant(c.receivedAt)) {
    throw ReferralErrors.invalidDateOfBirth('The date of birth is after the referral was received');
  }
  const age = ageInYears(dateOfBirth, c.receivedAt);
  const { minAgeYears, maxAgeYears } = c.policy;
  if (age < minAgeYears || age > maxAgeYears) {
    throw ReferralErrors.ageOutOfRange(
      `The service supports ages ${minAgeYears} to ${maxAgeYears}; the young person was ${age} when referred`,
    );
  }
  if (nhsNumber !== undefined && !isValidNhsNumber(nhsNumber)) {
    throw ReferralErrors.invalidNhsNumber('The NHS number fails the Modulus 11 check digit');
  }
  const youngPerson =
    nhsNumber === undefined ? c.youngPerson : { ...c.youngPerson, nhsNumber: normaliseNhsNumber(nhsNumber) };
  const {
    referralId,
    receivedAt,
    source,
    parentCarer,
    reasons,
    reasonsAsSent,
    pcnCode,
    schoolUrn,
    urgency,
    notes,
  } = c;
  const episode = nextEpisode(c.previous, referralId);
  return [
    {
      type: 'ReferralReceived',
      data: {
        referralId,
        receivedAt,
        source,
        youngPerson,
        parentCarer,
        reasons: [...new Set(reasons)],
        ...(reasonsAsSent?.length && { reasonsAsSent }),
        pcnCode,
        schoolUrn,
        urgency,
        notes,
        ...(episode && { episode }),
        ageAtReferral: age,
      },
    },
  ];
}

function accept(c: AcceptReferral, s: OpenReferral): ReferralEvent[] {
  requireStatus(s, ['received'], ReferralErrors.notAwaitingDecision, 'Accepting');
  return [
    {
      type: 'ReferralAccepted',
      data: {
        referralId: c.referralId,
        at: c.at,
        linkWorkerId: c.linkWorkerId,
        snomedCode: SNOMED.referralToSocialPrescribing,
      },
    },
  ];
}

function decline(c: DeclineReferral, s: OpenReferral): ReferralEvent[] {
  requireStatus(s, ['received'], ReferralErrors.notAwaitingDecision, 'Declining');
  return [
    {
      type: 'ReferralDeclined',
      data: {
        referralId: c.referralId,
        at: c.at,
        reason: c.reason,
        signpostedTo: c.signpostedTo,
        snomedCode: SNOMED.socialPrescribingDeclined,
      },
    },
  ];
}

/** The decision on a referral awaiting triage: accepted, declined, or withdrawn by its referrer. */
function decideTriage(
  c: AcceptReferral | DeclineReferral | WithdrawReferral,
  s: OpenReferral,
): ReferralEvent[] {
  if (c.type === 'AcceptReferral') return accept(c, s);
  return c.type === 'DeclineReferral' ? decline(c, s) : withdraw(c, s);
}

function withdraw(c: WithdrawReferral, s: OpenReferral): ReferralEvent[] {
  requireStatus(s, ['received'], ReferralErrors.notAwaitingDecision, 'Withdrawing');
  const note = c.note?.trim();
  return [
    {
      type: 'ReferralWithdrawn',
      data: { referralId: c.referralId, at: c.at, reason: c.reason, ...(note ? { note } : {}) },
    },
  ];
}

function assign(c: AssignLinkWorker, s: OpenReferral): ReferralEvent[] {
  requireStatus(s, ['accepted', 'active'], ReferralErrors.notOpen, 'Assigning a link worker');
  if (s.linkWorkerId === c.linkWorkerId) {
    throw ReferralErrors.linkWorkerAlreadyAssigned('This link worker is already assigned to the referral');
  }
  return [
    {
      type: 'LinkWorkerAssigned',
      data: {
        referralId: c.referralId,
        at: c.at,
        linkWorkerId: c.linkWorkerId,
        previousLinkWorkerId: s.linkWorkerId,
      },
    },
  ];
}

function end(c: EndReferral, s: OpenReferral): ReferralEvent[] {
  requireStatus(s, ['accepted', 'active'], ReferralErrors.notOpen, 'Ending support');
  return [{ type: 'ReferralEnded', data: { referralId: c.referralId, at: c.at, reason: c.reason } }];
}

function assertNever(x: never): never {
  throw new Error(`Unhandled command ${JSON.stringify(x)}`);
}
