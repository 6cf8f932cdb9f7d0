import type { ReferralEvent } from './referral.events';
import { DATA_CLASSIFICATION, sealedFieldsOf } from './referral.personal-data';
import { PARENT, SOURCE, events } from './referral.test-events';
import { appointmentEvents as appointment } from './referral.test-appointments';

const at = '2026-03-10T10:00:00.000Z';

/** One example of every event type with every optional field filled in. */
const EXAMPLES: Record<ReferralEvent['type'], ReferralEvent> = {
  ReferralReceived: events.received({
    source: { ...SOURCE, referrerName: 'Dr Jones' },
    parentCarer: { ...PARENT, email: 'alex@example.org' },
    notes: 'Finds mornings very hard',
    schoolUrn: '123456',
    episode: { number: 2, previousReferralId: 'r-0' },
    reasonsAsSent: [
      {
        reason: 'anxiety',
        mapped: true,
        via: 'reasonCode',
        codings: [{ system: 'http://snomed.info/sct', code: '197480006', display: 'Anxiety disorder' }],
      },
      { reason: 'other', mapped: false, via: 'reasonReference', text: 'Scared of the dark since the fire' },
    ],
    youngPerson: {
      givenName: 'Sam',
      familyName: 'Example',
      dateOfBirth: '2012-05-10',
      nhsNumber: '9434765919',
      postcode: 'LA1 1AA',
      gender: 'female',
      ethnicity: 'White British',
    },
  }),
  ReferralAccepted: events.accepted(),
  ReferralDeclined: events.declined({ signpostedTo: 'School nursing team' }),
  ReferralWithdrawn: events.withdrawn(),
  LinkWorkerAssigned: events.linkWorkerAssigned({ previousLinkWorkerId: 'lw-ada' }),
  ConsentObtained: events.consentObtained({ competenceAssessedBy: 'Ada Lovelace, link worker' }),
  ConsentWithdrawn: events.consentWithdrawn(),
  GoalsSet: events.goalsSet(),
  GoalScoreRecorded: events.goalScoreRecorded(),
  SessionHeld: events.sessionHeld({ activities: ['walking group'], notes: 'Talked about her dog' }),
  OutcomeRecorded: events.outcomeRecorded(),
  HandoffRequested: events.handoffRequested({ safeguarding: { justification: 'Risk of harm at home' } }),
  HandoffAcknowledged: events.handoffAcknowledged({ reference: 'CAMHS-123' }),
  HandoffRejected: events.handoffRejected({ reason: 'Below threshold' }),
  ReferralEnded: events.ended(),
  LegalHoldPlaced: { type: 'LegalHoldPlaced', data: { referralId: 'r-1', at, reason: 'Public inquiry' } },
  ServicePrescribed: {
    type: 'ServicePrescribed',
    data: {
      referralId: 'r-1',
      at,
      prescriptionId: 'p-1',
      serviceId: '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
      serviceName: 'Riverside Juniors Football Club',
      goalIds: ['g-1'],
      note: 'Her cousin goes there too',
    },
  },
  PrescriptionUptakeRecorded: {
    type: 'PrescriptionUptakeRecorded',
    data: {
      referralId: 'r-1',
      at,
      prescriptionId: 'p-1',
      status: 'still_attending',
      startedOn: '2026-03-12',
      endedOn: '2026-04-12',
      feedbackScore: 8,
      feedback: 'Loves the Saturday sessions',
    },
  },
  LegalHoldLifted: { type: 'LegalHoldLifted', data: { referralId: 'r-1', at, reason: 'Inquiry closed' } },
  PersonalDataErased: {
    type: 'PersonalDataErased',
    data: { referralId: 'r-1', at, reason: 'Created in error', basis: 'manual' },
  },
  ReferralMerged: { type: 'ReferralMerged', data: { referralId: 'r-1', at, into: 'r-0' } },
  DuplicateKept: { type: 'DuplicateKept', data: { referralId: 'r-1', at, of: 'r-0' } },
  SessionAmended: {
    type: 'SessionAmended',
    data: {
      referralId: 'r-1',
      at,
      sessionId: 's-1',
      corrects: 'SessionHeld',
      changes: { at, format: 'group', setting: 'school', durationMinutes: 45, attended: false },
      previous: { at, format: 'one_to_one', setting: 'community_venue', durationMinutes: 30, attended: true },
      reason: 'Recorded against the wrong day',
    },
  },
  OutcomeAmended: {
    type: 'OutcomeAmended',
    data: {
      referralId: 'r-1',
      at,
      outcomeId: 'o-1',
      corrects: 'OutcomeRecorded',
      score: 21,
      previousScore: 12,
      reason: 'Digits swapped',
    },
  },
  OutcomeVoided: {
    type: 'OutcomeVoided',
    data: {
      referralId: 'r-1',
      at,
      outcomeId: 'o-1',
      corrects: 'OutcomeRecorded',
      reason: 'Wrong young person',
    },
  },
  ReferralTransferred: {
    type: 'ReferralTransferred',
    data: {
      referralId: 'r-1',
      at,
      reason: 'capacity',
      note: 'Ada is on leave until March',
      fromLinkWorkerId: 'lw-ada',
      toLinkWorkerId: 'lw-bo',
      fromTeam: 'north',
      toTeam: 'south',
    },
  },
  DemographicsCorrected: {
    type: 'DemographicsCorrected',
    data: {
      referralId: 'r-1',
      at,
      corrects: 'ReferralReceived',
      corrected: ['dateOfBirth', 'nhsNumber', 'postcode'],
      youngPerson: {
        givenName: 'Sam',
        familyName: 'Example',
        dateOfBirth: '2012-05-01',
        nhsNumber: '9434765919',
        postcode: 'LA1 1AB',
      },
      ageAtReferral: 13,
      reason: 'Typed from a letter',
    },
  },
  AppointmentBooked: appointment.booked(),
  AppointmentRescheduled: appointment.rescheduled({ reason: 'Exams that week' }),
  AppointmentCancelled: appointment.cancelled({ reason: 'Poorly with a cold' }),
  AppointmentAttended: appointment.attended(),
  AppointmentNotAttended: appointment.notAttended({ notes: 'Mum says he overslept' }),
};

/** Every leaf of `data` as [path with array indexes as `*`, concrete path, value]. */
function leaves(node: unknown, path = '', pattern = ''): [string, string, unknown][] {
  const join = (a: string, b: string) => (a ? `${a}.${b}` : b);
  if (Array.isArray(node))
    return node.flatMap((v, i) => leaves(v, join(path, String(i)), join(pattern, '*')));
  if (typeof node === 'object' && node !== null)
    return Object.entries(node).flatMap(([k, v]) => leaves(v, join(path, k), join(pattern, k)));
  return [[pattern, path, node]];
}

const TYPES = Object.keys(DATA_CLASSIFICATION) as ReferralEvent['type'][];

describe('What stays in the clear, event type by event type', () => {
  it.each(TYPES)(
    '%s: every string is declared clear or sealed, and clear strings are codes, ids or dates',
    (type) => {
      const event = EXAMPLES[type];
      const sealed = new Set(sealedFieldsOf(type, event.data));
      const { clear, whole = [] } = DATA_CLASSIFICATION[type];
      const covered = (pattern: string, path: string) =>
        sealed.has(path) ||
        whole.some((w) => path === w || path.startsWith(`${w}.`)) ||
        clear.some((c) => pattern === c || pattern.startsWith(`${c}.`));
      for (const [pattern, path, value] of leaves(event.data)) {
        expect({ path, covered: covered(pattern, path) }).toEqual({ path, covered: true });
        const isClear = !sealed.has(path) && !whole.some((w) => path.startsWith(w));
        // Free text has spaces; a value in the clear must look like a code, an id, a URI, a date or a number.
        if (isClear && typeof value === 'string')
          expect({ path, value }).toEqual({ path, value: expect.stringMatching(/^[\w.:+/-]*$/) });
      }
    },
  );

  it.each(TYPES)('%s: every field declared clear exists (no stale declarations)', (type) => {
    const patterns = new Set(
      leaves(EXAMPLES[type].data).flatMap(([pattern]) =>
        pattern.split('.').map((_, i, all) => all.slice(0, i + 1).join('.')),
      ),
    );
    for (const path of [...DATA_CLASSIFICATION[type].clear, ...(DATA_CLASSIFICATION[type].whole ?? [])])
      expect({ path, exists: patterns.has(path) }).toEqual({ path, exists: true });
  });

  it('seals the free text written about a child, wherever it sits', () => {
    const sealedOf = (type: ReferralEvent['type']) => sealedFieldsOf(type, EXAMPLES[type].data);
    expect(sealedOf('ReferralReceived')).toEqual(
      expect.arrayContaining([
        'source.referrerName',
        'youngPerson.givenName',
        'youngPerson.ethnicity',
        'parentCarer',
        'notes',
        'reasonsAsSent.0.codings.0.display',
        'reasonsAsSent.1.text',
      ]),
    );
    expect(sealedOf('ReferralReceived')).not.toEqual(
      expect.arrayContaining(['reasonsAsSent.0.codings.0.code']),
    );
    expect(sealedOf('GoalsSet')).toEqual(expect.arrayContaining(['goals.0.description']));
    expect(sealedOf('GoalsSet')).not.toEqual(expect.arrayContaining(['goals.0.score']));
    expect(sealedOf('SessionHeld')).toEqual(['activities.0', 'notes']);
    expect(sealedOf('ReferralDeclined')).toEqual(['reason', 'signpostedTo']);
    expect(sealedOf('ConsentObtained')).toEqual(['competenceAssessedBy']);
    expect(sealedOf('HandoffRequested')).toEqual(['reason', 'safeguarding.justification']);
    expect(sealedOf('PersonalDataErased')).toEqual(['reason']);
    expect(sealedOf('LegalHoldPlaced')).toEqual(['reason']);
    expect(sealedOf('AppointmentRescheduled')).toEqual(['reason']);
    expect(sealedOf('AppointmentCancelled')).toEqual(['reason']);
    expect(sealedOf('AppointmentNotAttended')).toEqual(['notes']);
    expect(sealedOf('AppointmentBooked')).toEqual([]);
  });

  it('seals a field nobody declared: a new free-text field never leaks by omission', () => {
    expect(
      sealedFieldsOf('ReferralAccepted', { ...EXAMPLES.ReferralAccepted.data, comment: 'she said' }),
    ).toEqual(['comment']);
  });

  it('seals nothing of an event that is not a referral event', () => {
    expect(sealedFieldsOf('PersonalDataAccessed', { referralId: 'r-1', purpose: 'care' })).toEqual([]);
  });
});
