/** The invented referral every example in this document follows: Maya Okafor, 13, referred by her GP. */
export const IDS = {
  referral: '3f6c2a9e-8b41-4d7a-9e52-1c0b7d4f8a26',
  earlierReferral: '9b2e7d14-5c38-4f61-8a0d-6e3f1b9c7a52',
  goal: 'a7d3e9c1-2f46-4b8e-9d15-3c7a0e6b2f48',
  session: 'e4b18f2c-7a93-4d05-b6e1-8f2c4a9d3e71',
  outcome: '5d9a1c7e-3b28-4f64-a0e9-7c5b2d8f1a36',
  handoff: 'c81e4a6d-9f27-4b35-8e0c-2a6d9f4b7e13',
  appointment: '0f7b3d9e-6a14-4c82-b5f0-9e1a3c7d5b28',
  event: '6e2c9a4f-1d87-4b3e-a5c0-4f9e2b7d1a63',
};

/** The young person as recorded (the view adds `ageYears`). */
export const YOUNG_PERSON_EXAMPLE = {
  givenName: 'Maya',
  familyName: 'Okafor',
  dateOfBirth: '2013-05-14',
  nhsNumber: '9434765919',
  postcode: 'LS6 2AB',
};

export const REFERRAL_STATUS_EXAMPLE = {
  id: IDS.referral,
  version: 10,
  status: 'active',
  receivedAt: '2026-09-01T08:42:17.512Z',
  acceptedAt: '2026-09-03T10:05:00.000Z',
  declinedAt: null,
  declineReason: null,
  signpostedTo: null,
  endedAt: null,
  endReason: null,
};

/** The whole case after acceptance, consent, goals, a session, an outcome, a handoff and a booked appointment. */
export const REFERRAL_VIEW_EXAMPLE = {
  ...REFERRAL_STATUS_EXAMPLE,
  source: { kind: 'gp', organisationCode: 'A81001', referrerName: 'Dr Priya Natarajan' },
  youngPerson: { ...YOUNG_PERSON_EXAMPLE, ageYears: 13 },
  parentCarer: { name: 'Grace Okafor', relationship: 'mother', phone: '07700 900123' },
  reasons: ['anxiety', 'social_isolation'],
  reasonsAsSent: [],
  urgency: 'routine',
  pcnCode: 'U12345',
  schoolUrn: null,
  notes: 'Finds school lunchtimes hard; keen on art.',
  linkWorkerId: 'lw-ada',
  consent: {
    scopes: ['support', 'share_with_gp', 'share_with_camhs'],
    givenBy: 'young_person',
    basis: 'gillick_competent',
    obtainedAt: '2026-09-08T15:30:00.000Z',
    competenceAssessedBy: 'Ada Lovelace (link worker)',
    records: [
      {
        at: '2026-09-08T15:30:00.000Z',
        givenBy: 'young_person',
        basis: 'gillick_competent',
        scopes: ['support', 'share_with_gp', 'share_with_camhs'],
        competenceAssessedBy: 'Ada Lovelace (link worker)',
      },
    ],
    withdrawals: [],
  },
  goals: [
    {
      id: IDS.goal,
      description: 'Join the after-school art club',
      need: 'social_isolation',
      setAt: '2026-09-08T15:45:00.000Z',
      firstScore: 2,
      latestScore: 5,
      scores: [
        { at: '2026-09-08T15:45:00.000Z', score: 2 },
        { at: '2026-10-06T15:45:00.000Z', score: 5 },
      ],
    },
  ],
  sessions: {
    total: 1,
    attended: 1,
    firstAttendedAt: '2026-09-15T15:30:00.000Z',
    lastSessionAt: '2026-09-15T15:30:00.000Z',
    items: [
      {
        sessionId: IDS.session,
        at: '2026-09-15T15:30:00.000Z',
        format: 'one_to_one',
        setting: 'school',
        durationMinutes: 45,
        attended: true,
        activities: ['drawing', 'walk round the field'],
      },
    ],
  },
  outcomes: [
    {
      outcomeId: IDS.outcome,
      at: '2026-09-15T16:15:00.000Z',
      measure: 'CORS',
      rater: 'young_person',
      score: 18,
    },
  ],
  handoffs: [
    {
      handoffId: IDS.handoff,
      target: 'camhs',
      reason: 'Panic attacks most days for three months',
      urgency: 'routine',
      status: 'acknowledged',
      requestedAt: '2026-09-22T11:00:00.000Z',
      answeredAt: '2026-09-24T09:12:00.000Z',
      reference: 'CAMHS-20931',
      consentScope: 'share_with_camhs',
      safeguarding: false,
    },
  ],
  prescriptions: [],
  appointments: [
    {
      appointmentId: IDS.appointment,
      bookedAt: '2026-10-06T16:00:00.000Z',
      startsAt: '2026-10-13T15:30:00.000Z',
      format: 'one_to_one',
      setting: 'school',
      durationMinutes: 45,
      status: 'booked',
    },
  ],
  episode: { number: 2, previousReferralId: IDS.earlierReferral },
};

export const REFERRAL_DETAIL_EXAMPLE = {
  ...REFERRAL_VIEW_EXAMPLE,
  possibleDuplicateOf: [],
  dataQuality: [],
  previousEpisodes: [
    { referralId: IDS.earlierReferral, status: 'ended', receivedAt: '2025-11-03T09:20:00.000Z' },
  ],
};
