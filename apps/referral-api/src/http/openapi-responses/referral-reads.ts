import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  REFERRAL_EVENT_TYPES,
  REFERRAL_REASONS,
  REFERRAL_SOURCE_KINDS,
  REFERRAL_STATUSES,
  URGENCIES,
} from '@app/referral-domain';
import { EVENT_METADATA as METADATA } from './event-metadata';
import { arrayOf, count, dateTime, integer, nullable, objectOf, oneOfValues, text, uuid } from './primitives';
import { FLAG_FIELDS, REFERRAL_VIEW } from './referral-view';
import { IDS, REFERRAL_VIEW_EXAMPLE, YOUNG_PERSON_EXAMPLE } from './referral-examples';

const AGE_BANDS = ['5-10', '11-15', '16-19', 'other'];

/** A name from the read model's sealed identity: `[erased]` or `[unreadable]` when it cannot be shown. */
const shownName: SchemaObject = {
  type: 'string',
  description: '`[erased]` or `[unreadable]` when not shown',
};
const ageYears = nullable(integer, "Today's age in whole years; null when the date of birth cannot be read");

const LISTED_SOURCE = objectOf({
  kind: oneOfValues(REFERRAL_SOURCE_KINDS),
  organisationCode: nullable(text),
});

const QUEUED = objectOf(
  {
    id: uuid,
    receivedAt: dateTime,
    daysWaiting: integer,
    urgency: oneOfValues(URGENCIES),
    reasons: arrayOf(oneOfValues(REFERRAL_REASONS)),
    source: LISTED_SOURCE,
    pcnCode: nullable(text),
    team: { type: 'string', description: 'The team receiving it (transferred, or routed by PCN)' },
    youngPerson: objectOf({
      givenName: shownName,
      familyName: shownName,
      ageYears,
      ageBandAtReferral: oneOfValues(AGE_BANDS),
    }),
    ...FLAG_FIELDS,
  },
  { closed: true },
);

export const TRIAGE_QUEUE = objectOf(
  {
    teams: arrayOf(text, 'The teams whose queue this is'),
    total: count,
    urgent: count,
    oldestReceivedAt: nullable(dateTime, 'null when nothing awaits triage'),
    referrals: arrayOf(QUEUED, 'Urgent first, then oldest first, up to `limit`'),
  },
  { closed: true },
);

const queued = {
  id: IDS.referral,
  receivedAt: '2026-09-01T08:42:17.512Z',
  daysWaiting: 2,
  urgency: 'urgent',
  reasons: ['low_mood', 'bereavement'],
  source: { kind: 'school', organisationCode: null },
  pcnCode: 'U12345',
  team: 'north',
  youngPerson: { givenName: 'Leo', familyName: 'Brennan', ageYears: 11, ageBandAtReferral: '11-15' },
  possibleDuplicateOf: [],
  dataQuality: [],
  previousEpisodes: [],
};

export const TRIAGE_QUEUE_EXAMPLE = {
  teams: ['north'],
  total: 1,
  urgent: 1,
  oldestReceivedAt: '2026-09-01T08:42:17.512Z',
  referrals: [queued],
};

const FOUND = objectOf(
  {
    id: uuid,
    status: oneOfValues(REFERRAL_STATUSES),
    receivedAt: dateTime,
    daysSinceReferral: integer,
    urgency: oneOfValues(URGENCIES),
    reasons: arrayOf(oneOfValues(REFERRAL_REASONS)),
    source: LISTED_SOURCE,
    pcnCode: nullable(text),
    linkWorkerId: nullable(text),
    ageBand: oneOfValues(AGE_BANDS, 'At referral'),
    youngPerson: objectOf({ givenName: shownName, familyName: shownName, ageYears }),
    ...FLAG_FIELDS,
  },
  { optional: ['youngPerson'], closed: true },
);

export const SEARCH_RESULTS = objectOf(
  {
    referrals: arrayOf(FOUND),
    next: nullable(text, 'The cursor of the next page (for `cursor`); null on the last page'),
  },
  { closed: true },
);

export const SEARCH_RESULTS_EXAMPLE = {
  referrals: [
    {
      id: IDS.referral,
      status: 'active',
      receivedAt: '2026-09-01T08:42:17.512Z',
      daysSinceReferral: 45,
      urgency: 'routine',
      reasons: ['anxiety', 'social_isolation'],
      source: { kind: 'gp', organisationCode: 'A81001' },
      pcnCode: 'U12345',
      linkWorkerId: 'lw-ada',
      ageBand: '11-15',
      youngPerson: { givenName: 'Maya', familyName: 'Okafor', ageYears: 13 },
      possibleDuplicateOf: [],
      dataQuality: [],
      previousEpisodes: [
        { referralId: IDS.earlierReferral, status: 'ended', receivedAt: '2025-11-03T09:20:00.000Z' },
      ],
    },
  ],
  next: 'eyJ2IjoxLCJyIjoiMjAyNi0wOS0wMVQwODo0MjoxNy41MTJaIn0.Q2hlY2tzdW1fZXhhbXBsZQ',
};

const HISTORY_EVENT = objectOf(
  {
    version: { type: 'integer', minimum: 1 },
    position: { type: 'integer', minimum: 1 },
    type: oneOfValues(REFERRAL_EVENT_TYPES),
    data: {
      type: 'object',
      description:
        "The event's data as recorded (the event types are in docs/domain.md); personal fields opened",
    },
    metadata: METADATA,
  },
  { closed: true },
);

export const HISTORY = objectOf(
  {
    id: uuid,
    asOf: { ...dateTime, description: 'The time asked for, else when the last event shown was recorded' },
    version: { type: 'integer', minimum: 1 },
    state: { ...REFERRAL_VIEW, nullable: true, description: 'The case as those events leave it' },
    events: arrayOf(HISTORY_EVENT),
  },
  { closed: true },
);

const metadata = (n: number, at: string, actor: { sub: string; roles: string[] }, hash: string) => {
  const correlationId = `b7e4d2a9-3c61-4f08-9a5e-2d8c6f1b4e0${n}`;
  return {
    eventId: `${IDS.event.slice(0, -1)}${n}`,
    occurredAt: at,
    actor,
    correlationId,
    schemaVersion: 1,
    causationId: correlationId,
    recordedAt: at,
    hash,
  };
};

export const HISTORY_EXAMPLE = {
  id: IDS.referral,
  asOf: '2026-09-03T10:05:00.000Z',
  version: 2,
  state: {
    ...REFERRAL_VIEW_EXAMPLE,
    version: 2,
    status: 'accepted',
    consent: {
      scopes: [],
      givenBy: null,
      basis: null,
      obtainedAt: null,
      competenceAssessedBy: null,
      records: [],
      withdrawals: [],
    },
    goals: [],
    sessions: { total: 0, attended: 0, firstAttendedAt: null, lastSessionAt: null, items: [] },
    outcomes: [],
    handoffs: [],
    appointments: [],
  },
  events: [
    {
      version: 1,
      position: 4182,
      type: 'ReferralReceived',
      data: {
        referralId: IDS.referral,
        receivedAt: '2026-09-01T08:42:17.512Z',
        source: REFERRAL_VIEW_EXAMPLE.source,
        youngPerson: YOUNG_PERSON_EXAMPLE,
        parentCarer: REFERRAL_VIEW_EXAMPLE.parentCarer,
        reasons: REFERRAL_VIEW_EXAMPLE.reasons,
        pcnCode: 'U12345',
        urgency: 'routine',
        notes: REFERRAL_VIEW_EXAMPLE.notes,
        episode: REFERRAL_VIEW_EXAMPLE.episode,
        ageAtReferral: 13,
      },
      metadata: {
        requestHash: '8f3a6c1e9d2b5f7a0c4e8b1d3f6a9c2e5b7d0f3a6c8e1b4d7f9a2c5e8b0d3f6a',
        ...metadata(
          1,
          '2026-09-01T08:42:17.512Z',
          { sub: 'gp-a81001-portal', roles: ['integration'] },
          '4c1f0e9b7a2d5c8e3f6a1b4d7e0c9f2a5b8d1e4f7a0c3b6d9e2f5a8b1c4d7e0f',
        ),
      },
    },
    {
      version: 2,
      position: 4230,
      type: 'ReferralAccepted',
      data: {
        referralId: IDS.referral,
        at: '2026-09-03T10:05:00.000Z',
        linkWorkerId: 'lw-ada',
        snomedCode: '871731000000106',
      },
      metadata: metadata(
        2,
        '2026-09-03T10:05:00.000Z',
        { sub: 'lw-ada', roles: ['link_worker'] },
        'd2a5f8c1e4b7a0d3f6c9e2b5a8d1f4c7e0b3a6d9f2c5e8b1a4d7f0c3e6b9a2d5',
      ),
    },
  ],
};
