import {
  arrayOf,
  boolean,
  count,
  dateTime,
  integer,
  json,
  nullable,
  nullableValue,
  objectOf,
  oneOfValues,
  text,
  uuid,
} from './primitives';
import type { ResponseSpec } from './primitives';
import { IDS } from './referral-examples';

const COUNTS = objectOf({ accepted: count, active: count, total: count }, { closed: true });

const CASELOAD_LIST = objectOf(
  { linkWorkers: arrayOf(objectOf({ linkWorkerId: text, counts: COUNTS }, { closed: true })) },
  { closed: true },
);

const CASELOAD_ITEM = objectOf(
  {
    referralId: uuid,
    status: oneOfValues(['accepted', 'active']),
    youngPerson: objectOf(
      {
        givenName: { type: 'string', description: '`[erased]` or `[unreadable]` when not shown' },
        familyName: { type: 'string', description: '`[erased]` or `[unreadable]` when not shown' },
        ageYears: nullable(integer, "Today's age; null when the date of birth cannot be read"),
      },
      { closed: true },
    ),
    receivedAt: dateTime,
    acceptedAt: nullable(dateTime),
    lastSessionAt: nullable(dateTime),
    sessionsAttended: count,
    daysSinceReferral: integer,
    awaitingFirstContact: boolean,
    nextAppointment: nullable(
      objectOf({ appointmentId: uuid, startsAt: dateTime }, { closed: true }),
      'The next appointment still booked to start now or later',
    ),
    didNotAttendTwice: { type: 'boolean', description: 'Did not attend two appointments or more' },
    prescriptions: arrayOf(
      objectOf(
        {
          prescriptionId: uuid,
          serviceId: { type: 'string' },
          serviceName: nullable(
            { type: 'string' },
            'As the directory names it now; null if it left the directory',
          ),
          prescribedAt: dateTime,
          uptake: nullableValue(['attended', 'did_not_attend', 'declined', 'still_attending']),
        },
        { closed: true },
      ),
      'Current social prescriptions: no uptake recorded yet, or still attending',
    ),
  },
  { closed: true },
);

const CASELOAD = objectOf(
  {
    linkWorkerId: text,
    referrals: arrayOf(CASELOAD_ITEM, 'Accepted and active referrals, oldest first'),
    counts: objectOf({ accepted: count, active: count }, { closed: true }),
  },
  { closed: true },
);

export const CASELOAD_RESPONSES: Record<string, ResponseSpec[]> = {
  listCaseloads: [
    json(200, 'Open referrals per link worker', CASELOAD_LIST, {
      linkWorkers: [
        { linkWorkerId: 'lw-ada', counts: { accepted: 3, active: 11, total: 14 } },
        { linkWorkerId: 'lw-bo', counts: { accepted: 1, active: 9, total: 10 } },
      ],
    }),
  ],
  getCaseload: [
    json(200, "The link worker's accepted and active referrals", CASELOAD, {
      linkWorkerId: 'lw-ada',
      referrals: [
        {
          referralId: IDS.referral,
          status: 'active',
          youngPerson: { givenName: 'Maya', familyName: 'Okafor', ageYears: 13 },
          receivedAt: '2026-09-01T08:42:17.512Z',
          acceptedAt: '2026-09-03T10:05:00.000Z',
          lastSessionAt: '2026-09-15T15:30:00.000Z',
          sessionsAttended: 1,
          daysSinceReferral: 40,
          awaitingFirstContact: false,
          nextAppointment: { appointmentId: IDS.appointment, startsAt: '2026-10-13T15:30:00.000Z' },
          didNotAttendTwice: false,
          prescriptions: [
            {
              prescriptionId: IDS.appointment,
              serviceId: '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
              serviceName: 'Riverside Juniors Football Club',
              prescribedAt: '2026-09-20T10:00:00.000Z',
              uptake: 'still_attending',
            },
          ],
        },
      ],
      counts: { accepted: 0, active: 1 },
    }),
  ],
};
