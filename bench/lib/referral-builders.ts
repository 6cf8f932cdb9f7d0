import { decide, evolve, initialState, referralStreamName } from '@app/referral-domain';
import type { Referral, ReferralCommand, ReferralEvent } from '@app/referral-domain';
import type { GeneratedReferral } from '@app/testing';

const NOW = '2026-11-01T00:00:00.000Z';

/** Runs commands through the real decider, one referral at a time, starting on `day`. */
class ReferralBuilder {
  private state: Referral = initialState;
  readonly events: ReferralEvent[] = [];

  constructor(
    readonly referralId: string,
    private day: number,
  ) {}

  timed() {
    return { referralId: this.referralId, at: new Date(this.day).toISOString(), now: NOW };
  }

  later(days: number): this {
    this.day += days * 86_400_000;
    return this;
  }

  run(command: ReferralCommand): this {
    for (const e of decide(command, this.state)) {
      this.state = evolve(this.state, e);
      this.events.push(e);
    }
    return this;
  }

  /** Received from a school, accepted by lw-bench, consent to support and to share with CAMHS. */
  intakeToConsent(): this {
    const t = this.timed();
    return this.run({
      type: 'ReceiveReferral',
      referralId: this.referralId,
      now: NOW,
      policy: { minAgeYears: 5, maxAgeYears: 19 },
      receivedAt: t.at,
      source: { kind: 'school', organisationCode: 'A81001', referrerName: 'Head of Year 8' },
      youngPerson: {
        givenName: 'Sam',
        familyName: 'Taylor',
        dateOfBirth: '2013-03-02',
        nhsNumber: '9434765919',
        postcode: 'LA1 1AA',
      },
      parentCarer: { name: 'Alex Taylor', relationship: 'mother', phone: '07700 900123' },
      reasons: ['anxiety', 'school_attendance'],
      pcnCode: 'U12345',
      urgency: 'routine',
    })
      .run({ type: 'AcceptReferral', ...this.later(1).timed(), linkWorkerId: 'lw-bench' })
      .run({
        type: 'ObtainConsent',
        ...this.later(1).timed(),
        givenBy: 'parent_carer',
        basis: 'parental_responsibility',
        scopes: ['support', 'share_with_camhs'],
      });
  }

  done(count = this.events.length): GeneratedReferral {
    return {
      referralId: this.referralId,
      stream: referralStreamName(this.referralId),
      events: this.events.slice(0, count),
    };
  }
}

/** A referral with exactly `count` events: intake, consent, goals, then sessions and outcome measures. */
export function longReferral(referralId: string, count: number): GeneratedReferral {
  const b = new ReferralBuilder(referralId, Date.parse('2026-01-05T10:00:00Z')).intakeToConsent();
  b.run({
    type: 'SetGoals',
    ...b.timed(),
    goals: [{ goalId: uuidFrom(1), description: 'Go to school three days a week', score: 2 }],
  });
  for (let n = 0; b.events.length < count; n += 1) {
    b.later(3);
    if (n % 4 === 3)
      b.run({
        type: 'RecordOutcome',
        ...b.timed(),
        outcomeId: uuidFrom(1000 + n),
        measure: 'CORS',
        rater: 'young_person',
        score: 20 + (n % 10),
      });
    else
      b.run({
        type: 'HoldSession',
        ...b.timed(),
        sessionId: uuidFrom(2000 + n),
        format: 'one_to_one',
        setting: 'school',
        durationMinutes: 45,
        attended: n % 7 !== 0,
        activities: ['football club'],
        notes: 'Talked through the week at school and a plan for the next one.',
      });
  }
  return b.done(count);
}

/** A referral with consent to share with CAMHS and, if `handoff`, a CAMHS handoff requested. */
export function referralForHandoff(referralId: string, handoff: boolean): GeneratedReferral {
  const b = new ReferralBuilder(referralId, Date.parse('2026-09-01T09:00:00Z')).intakeToConsent();
  if (handoff)
    b.run({
      type: 'RequestHandoff',
      ...b.later(3).timed(),
      handoffId: uuidFrom(Number.parseInt(referralId.slice(-8), 16)),
      target: 'camhs',
      reason: 'Panic attacks most days',
      urgency: 'urgent',
    });
  return b.done();
}

/** A stable uuid-shaped id from a number. */
export function uuidFrom(n: number): string {
  const hex = n.toString(16).padStart(12, '0').slice(-12);
  return `00000000-0000-4000-8000-${hex}`;
}
