import { randomUUID } from 'node:crypto';
import type { EventStore } from '@app/event-store';
import { referralStreamName } from '@app/referral-domain';
import type { ReferralCommand, ReferralSource } from '@app/referral-domain';
import { decidedEvents } from './seeded-referrals';

const SOURCES: ReferralSource[] = [
  { kind: 'gp', organisationCode: 'A81001' },
  { kind: 'school' },
  { kind: 'gp', organisationCode: 'A81002' },
  { kind: 'parent_carer' },
  { kind: 'school' },
  { kind: 'self' },
];
const LINK_WORKERS = ['lw-ada', 'lw-bo', 'lw-cy'];
/** Given names the dashboard must never show a commissioner (nor carry in its network traffic). */
export const SEEDED_GIVEN_NAMES = ['Zephyrine', 'Quillon', 'Marisol'];

const iso = (date: Date) => date.toISOString();
const plusDays = (at: string, days: number) => iso(new Date(Date.parse(at) + days * 86_400_000));

/** The commands of one synthetic referral: received, then declined or accepted with consent, contacts and outcomes. */
function story(i: number, referralId: string, until: string): ReferralCommand[] {
  const month = 4 + (i % 8);
  const receivedAt = `2026-${String(month).padStart(2, '0')}-${String(1 + (i % 25)).padStart(2, '0')}T10:00:00.000Z`;
  const t = (days: number) => ({
    referralId,
    at: plusDays(receivedAt, days),
    now: plusDays(receivedAt, days),
  });
  const commands: ReferralCommand[] = [
    {
      type: 'ReceiveReferral',
      ...t(0),
      policy: { minAgeYears: 5, maxAgeYears: 19 },
      receivedAt,
      source: SOURCES[i % SOURCES.length]!,
      youngPerson: {
        givenName: SEEDED_GIVEN_NAMES[i % SEEDED_GIVEN_NAMES.length]!,
        familyName: `Seeded${i}`,
        dateOfBirth: dateOfBirth(i),
      },
      parentCarer: { name: 'Parent Seeded', relationship: 'mother', phone: '07700900123' },
      reasons: i % 2 ? ['anxiety'] : ['low_mood', 'social_isolation'],
      // One small network, so a commissioner's cut of it is suppressed.
      pcnCode: i % 40 === 7 ? 'U99999' : i % 3 ? 'U11111' : 'U22222',
      urgency: i % 10 === 0 ? 'urgent' : 'routine',
    },
  ];
  if (i % 9 === 4) return [...commands, { type: 'DeclineReferral', ...t(3), reason: 'Needs CAMHS now' }];
  if (i % 11 === 5) return commands; // still waiting for triage
  const first = 4 + ((i * 7) % 45);
  const later: ReferralCommand[] = [
    { type: 'AcceptReferral', ...t(1 + (i % 5)), linkWorkerId: LINK_WORKERS[i % LINK_WORKERS.length]! },
    consent(t(7), i),
    // Goals first, so the first session starts help (the referral-to-help clock stops there).
    { type: 'SetGoals', ...t(first - 1), goals: [{ goalId: 'g1', description: 'Join a club', score: 3 }] },
    session(t(first), 's1'),
    {
      type: 'RecordOutcome',
      ...t(first),
      outcomeId: 'o1',
      measure: 'ORS',
      rater: 'young_person',
      score: 14 + (i % 7),
    },
    session(t(first + 14), 's2'),
    ...(i % 3 === 0
      ? [
          {
            type: 'RecordOutcome',
            ...t(first + 14),
            outcomeId: 'o2',
            measure: 'ORS',
            rater: 'young_person',
            score: 14 + (i % 7) + (i % 4 === 0 ? -6 : 9),
          } as ReferralCommand,
        ]
      : []),
  ];
  return [...commands, ...later.filter((c) => 'at' in c && c.at <= until)];
}

/** A parent's consent under 16; the young person's own from 16 (docs/domain.md, consent). */
const consent = (timed: { referralId: string; at: string; now: string }, i: number): ReferralCommand =>
  ageOn(i, timed.at) >= 16
    ? {
        type: 'ObtainConsent',
        ...timed,
        givenBy: 'young_person',
        basis: 'aged_16_or_over',
        scopes: ['support'],
      }
    : {
        type: 'ObtainConsent',
        ...timed,
        givenBy: 'parent_carer',
        basis: 'parental_responsibility',
        scopes: ['support'],
      };

const dateOfBirth = (i: number) => `${2008 + (i % 12)}-0${1 + (i % 9)}-15`;
const ageOn = (i: number, at: string) => {
  const dob = dateOfBirth(i);
  const years = Number(at.slice(0, 4)) - Number(dob.slice(0, 4));
  return at.slice(5, 10) < dob.slice(5, 10) ? years - 1 : years;
};

const session = (
  timed: { referralId: string; at: string; now: string },
  sessionId: string,
): ReferralCommand => ({
  type: 'HoldSession',
  ...timed,
  sessionId,
  format: 'one_to_one',
  setting: 'school',
  durationMinutes: 45,
  attended: true,
  activities: ['football'],
});

/**
 * A service's year so far: `count` referrals from April to November 2026 across sources, ages and
 * networks, decided by the real decider (events nothing in the future of `until`), appended to the store.
 */
export async function seedDashboardYear(store: EventStore, count: number, until: string): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const referralId = randomUUID();
    await store.append(
      referralStreamName(referralId),
      decidedEvents(story(i, referralId, until)),
      'no_stream',
    );
  }
}
