import { decide } from './referral.decide';
import { evolve } from './referral.evolve';
import { initialState } from './referral.state';
import type { Referral } from './referral.state';
import type { ReferralCommand } from './referral.commands';
import { events } from './referral.test-events';
import type { ReferralEvent } from './referral.events';

const at = '2026-03-20T10:00:00.000Z';
const fold = (...history: ReferralEvent[]): Referral => history.reduce(evolve, initialState);
const active = () =>
  fold(
    events.received(),
    events.accepted(),
    events.consentObtained({ scopes: ['support'] }),
    events.goalsSet({ goals: [{ goalId: 'g1', description: 'Make a friend', score: 2 }] }),
  );
const prescribe = (
  over: Partial<Extract<ReferralCommand, { type: 'PrescribeService' }>> = {},
): ReferralCommand => ({
  type: 'PrescribeService',
  referralId: 'r-1',
  at,
  now: at,
  prescriptionId: 'p1',
  serviceId: 'svc-1',
  serviceName: 'Riverside Juniors Football Club',
  goalIds: ['g1'],
  note: '  Cousin goes too ',
  ...over,
});

describe('social prescriptions on the referral stream', () => {
  it('prescribes a directory service for goals of an active referral, then records its uptake', () => {
    const [prescribed] = decide(prescribe(), active());
    expect(prescribed).toEqual({
      type: 'ServicePrescribed',
      data: {
        referralId: 'r-1',
        at,
        prescriptionId: 'p1',
        serviceId: 'svc-1',
        serviceName: 'Riverside Juniors Football Club',
        goalIds: ['g1'],
        note: 'Cousin goes too',
      },
    });
    const withPrescription = evolve(active(), prescribed!);
    const [uptake] = decide(
      {
        type: 'RecordUptake',
        referralId: 'r-1',
        at,
        now: at,
        prescriptionId: 'p1',
        status: 'still_attending',
        startedOn: '2026-03-21',
        feedbackScore: 8,
      },
      withPrescription,
    );
    const after = evolve(withPrescription, uptake!);
    expect(after.status !== 'none' && after.prescriptions).toEqual([
      {
        prescriptionId: 'p1',
        serviceId: 'svc-1',
        serviceName: 'Riverside Juniors Football Club',
        goalIds: ['g1'],
        prescribedAt: at,
        uptake: {
          status: 'still_attending',
          at,
          startedOn: '2026-03-21',
          endedOn: undefined,
          feedbackScore: 8,
        },
      },
    ]);
  });

  it('refuses without consent to support, for an unknown goal, twice with one id, and uptake of an unknown prescription', () => {
    const code = (command: ReferralCommand, state: Referral) => {
      try {
        decide(command, state);
      } catch (error) {
        return (error as { code?: string }).code;
      }
      return 'accepted';
    };
    expect(code(prescribe(), fold(events.received(), events.accepted()))).toBe('REFERRAL.NOT_ACTIVE');
    expect(code(prescribe({ goalIds: ['nope'] }), active())).toBe('REFERRAL.GOAL_NOT_FOUND');
    const once = evolve(active(), decide(prescribe(), active())[0]!);
    expect(code(prescribe(), once)).toBe('REFERRAL.PRESCRIPTION_ALREADY_EXISTS');
    const uptake: ReferralCommand = {
      type: 'RecordUptake',
      referralId: 'r-1',
      at,
      now: at,
      prescriptionId: 'p9',
      status: 'attended',
    };
    expect(code(uptake, once)).toBe('REFERRAL.PRESCRIPTION_NOT_FOUND');
    expect(
      code({ ...uptake, prescriptionId: 'p1', startedOn: '2026-04-02', endedOn: '2026-04-01' }, once),
    ).toBe('REFERRAL.INVALID_TIME');
  });
});
