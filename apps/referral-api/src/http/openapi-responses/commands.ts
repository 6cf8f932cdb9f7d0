import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { REFERRAL_STATUSES } from '@app/referral-domain';
import { json, objectOf, oneOfValues, uuid } from './primitives';
import type { ResponseSpec } from './primitives';
import { IDS } from './referral-examples';

/** What every command answers (`CommandResult`): the referral, its new version (the ETag) and status. */
const RESULT_FIELDS: Record<string, SchemaObject> = {
  id: uuid,
  version: { type: 'integer', minimum: 1, description: 'The version after the command (also the ETag)' },
  status: oneOfValues(REFERRAL_STATUSES, "The referral's status after the command"),
};

const result = (extra: Record<string, SchemaObject> = {}) =>
  objectOf({ ...RESULT_FIELDS, ...extra }, { closed: true });

const answer = (version: number, status: string, extra: Record<string, string> = {}) => ({
  id: IDS.referral,
  version,
  status,
  ...extra,
});

/** A command answering 200 with `{ id, version, status }`. */
const ok = (
  version: number,
  status: string,
  description = 'The command applied (or changed nothing)',
): ResponseSpec[] => [json(200, description, result(), answer(version, status))];

/** A command answering 200 with the id it made as well. */
const okWith = (name: string, value: string, version: number, status: string): ResponseSpec[] => [
  json(
    200,
    `The command applied; \`${name}\` is the id of what it recorded`,
    result({ [name]: uuid }),
    answer(version, status, { [name]: value }),
  ),
];

const RECEIVED = result();

/** Success responses of the referral commands (`apps/referral-api/src/referrals/commands`). */
export const COMMAND_RESPONSES: Record<string, ResponseSpec[]> = {
  receiveReferral: [
    json(201, 'Received: a new referral (Location: /v1/referrals/{id})', RECEIVED, answer(1, 'received')),
    json(
      200,
      'The same request was already received: the referral as it is now',
      RECEIVED,
      answer(3, 'accepted'),
    ),
  ],
  acceptReferral: ok(2, 'accepted'),
  declineReferral: ok(2, 'declined'),
  withdrawReferral: ok(2, 'withdrawn'),
  assignLinkWorker: ok(4, 'active'),
  obtainConsent: ok(3, 'active'),
  withdrawConsent: ok(11, 'accepted'),
  setGoals: ok(4, 'active'),
  recordGoalScore: ok(9, 'active'),
  holdSession: okWith('sessionId', IDS.session, 5, 'active'),
  recordOutcome: okWith('outcomeId', IDS.outcome, 6, 'active'),
  requestHandoff: [
    json(
      202,
      'Accepted: the handoff is delivered to the partner asynchronously',
      objectOf(
        {
          id: uuid,
          handoffId: uuid,
          status: oneOfValues(['requested'], "The handoff's status (not the referral's)"),
          version: RESULT_FIELDS.version!,
        },
        { closed: true },
      ),
      { id: IDS.referral, handoffId: IDS.handoff, status: 'requested', version: 7 },
    ),
  ],
  acknowledgeHandoff: ok(8, 'active'),
  rejectHandoff: ok(8, 'active'),
  endReferral: ok(14, 'ended'),
  bookAppointment: okWith('appointmentId', IDS.appointment, 10, 'active'),
  rescheduleAppointment: ok(11, 'active'),
  cancelAppointment: ok(11, 'active'),
  recordAttendance: ok(12, 'active', 'Attendance recorded (attended: with the session it held)'),
  resolveDuplicate: ok(
    2,
    'merged',
    'Settled: `merged` when this referral was merged, else its status as it was',
  ),
  correctDemographics: ok(11, 'active'),
  transferReferral: ok(11, 'active'),
  amendSession: ok(11, 'active'),
  amendOutcome: ok(11, 'active'),
  voidOutcome: ok(11, 'active'),
  placeLegalHold: ok(15, 'ended'),
  liftLegalHold: ok(16, 'ended'),
  erasePersonalData: ok(
    15,
    'ended',
    "Erased: the referral's data key is destroyed; its history still replays",
  ),
};
