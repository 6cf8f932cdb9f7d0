import {
  arrayOf,
  boolean,
  count,
  dateTime,
  integer,
  json,
  nullable,
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
        },
      ],
      counts: { accepted: 0, active: 1 },
    }),
  ],
};
