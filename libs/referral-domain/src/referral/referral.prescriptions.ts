import { ReferralErrors } from './referral.errors';
import { requireStatus } from './referral.guards';
import type { OpenReferral } from './referral.state';

/** What became of a social prescription (docs/directory.md). */
export const UPTAKE_STATUSES = ['attended', 'did_not_attend', 'declined', 'still_attending'] as const;
export type UptakeStatus = (typeof UPTAKE_STATUSES)[number];

/** A link worker prescribes a community service from the directory, for some of the young person's goals. */
export type PrescribeService = {
  type: 'PrescribeService';
  referralId: string;
  at: string;
  now: string;
  prescriptionId: string;
  serviceId: string;
  /** The service's name in the directory when prescribed (not personal data). */
  serviceName: string;
  goalIds: string[];
  note?: string;
};

/** What happened with a prescription: attended, did not attend, declined or still attending, with dates and feedback. */
export type RecordUptake = {
  type: 'RecordUptake';
  referralId: string;
  at: string;
  now: string;
  prescriptionId: string;
  status: UptakeStatus;
  startedOn?: string;
  endedOn?: string;
  /** The young person's rating of it, 0 to 10. */
  feedbackScore?: number;
  feedback?: string;
};

export type PrescriptionCommand = PrescribeService | RecordUptake;

export type ServicePrescribed = {
  type: 'ServicePrescribed';
  data: {
    referralId: string;
    at: string;
    prescriptionId: string;
    serviceId: string;
    serviceName: string;
    goalIds: string[];
    note?: string;
  };
};
export type PrescriptionUptakeRecorded = {
  type: 'PrescriptionUptakeRecorded';
  data: {
    referralId: string;
    at: string;
    prescriptionId: string;
    status: UptakeStatus;
    startedOn?: string;
    endedOn?: string;
    feedbackScore?: number;
    feedback?: string;
  };
};
export type PrescriptionEvent = ServicePrescribed | PrescriptionUptakeRecorded;
export const PRESCRIPTION_EVENT_TYPES = ['ServicePrescribed', 'PrescriptionUptakeRecorded'] as const;

export type PrescriptionState = {
  prescriptionId: string;
  serviceId: string;
  serviceName: string;
  goalIds: string[];
  prescribedAt: string;
  uptake?: { status: UptakeStatus; at: string; startedOn?: string; endedOn?: string; feedbackScore?: number };
};

const PRESCRIPTION_COMMANDS: ReadonlySet<string> = new Set(['PrescribeService', 'RecordUptake']);
export const isPrescriptionCommand = (c: { type: string }): c is PrescriptionCommand =>
  PRESCRIPTION_COMMANDS.has(c.type);

function prescribe(c: PrescribeService, s: OpenReferral): PrescriptionEvent[] {
  requireStatus(s, ['active'], ReferralErrors.notActive, 'Prescribing a service (consent to support first)');
  if (s.prescriptions.some((p) => p.prescriptionId === c.prescriptionId))
    throw ReferralErrors.prescriptionAlreadyExists('A prescription with this id already exists');
  const unknown = c.goalIds.filter((g) => !s.goals.some((goal) => goal.goalId === g));
  if (unknown.length) throw ReferralErrors.goalNotFound(`The referral has no goal ${unknown.join(', ')}`);
  const note = c.note?.trim();
  const { referralId, at, prescriptionId, serviceId, serviceName } = c;
  const goalIds = [...new Set(c.goalIds)];
  return [
    {
      type: 'ServicePrescribed',
      data: { referralId, at, prescriptionId, serviceId, serviceName, goalIds, ...(note ? { note } : {}) },
    },
  ];
}

function uptake(c: RecordUptake, s: OpenReferral): PrescriptionEvent[] {
  requireStatus(s, ['active'], ReferralErrors.notActive, 'Recording uptake');
  const prescription = s.prescriptions.find((p) => p.prescriptionId === c.prescriptionId);
  if (!prescription)
    throw ReferralErrors.prescriptionNotFound('The referral has no prescription with this id');
  if (c.startedOn && c.endedOn && c.endedOn < c.startedOn)
    throw ReferralErrors.invalidTime('endedOn is before startedOn');
  if (c.startedOn && c.startedOn < prescription.prescribedAt.slice(0, 10))
    throw ReferralErrors.timeBeforeReceived('startedOn is before the service was prescribed');
  const feedback = c.feedback?.trim();
  const { referralId, at, prescriptionId, status, startedOn, endedOn, feedbackScore } = c;
  return [
    {
      type: 'PrescriptionUptakeRecorded',
      data: {
        referralId,
        at,
        prescriptionId,
        status,
        ...(startedOn ? { startedOn } : {}),
        ...(endedOn ? { endedOn } : {}),
        ...(feedbackScore !== undefined ? { feedbackScore } : {}),
        ...(feedback ? { feedback } : {}),
      },
    },
  ];
}

export function decidePrescription(c: PrescriptionCommand, s: OpenReferral): PrescriptionEvent[] {
  return c.type === 'PrescribeService' ? prescribe(c, s) : uptake(c, s);
}

export function evolvePrescription(s: OpenReferral, event: PrescriptionEvent): OpenReferral {
  if (event.type === 'ServicePrescribed') {
    const { prescriptionId, serviceId, serviceName, goalIds, at } = event.data;
    return {
      ...s,
      prescriptions: [
        ...s.prescriptions,
        { prescriptionId, serviceId, serviceName, goalIds, prescribedAt: at },
      ],
    };
  }
  const { prescriptionId, status, at, startedOn, endedOn, feedbackScore } = event.data;
  return {
    ...s,
    prescriptions: s.prescriptions.map((p) =>
      p.prescriptionId === prescriptionId
        ? { ...p, uptake: { status, at, startedOn, endedOn, feedbackScore } }
        : p,
    ),
  };
}
