import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '@app/event-store';
import { decide, evolve, initialState, referralStreamName } from '@app/referral-domain';
import type { HandoffTarget, Referral, ReferralCommand } from '@app/referral-domain';

const day = (d: number) => `2026-09-${String(d).padStart(2, '0')}T10:00:00.000Z`;

/** The link worker every seeded referral is assigned to. */
export const SEEDED_LINK_WORKER = 'lw-seeded';

/**
 * The events of an accepted referral with consent to share with every handoff target (and, if asked,
 * one open handoff), decided by the real decider and stamped as a seeding actor: a fast way to reach a
 * state that would take several requests over HTTP.
 */
export function activeReferralEvents(
  referralId: string,
  handoff?: { handoffId: string; target: HandoffTarget },
): NewEvent[] {
  const now = day(28);
  const commands: ReferralCommand[] = [
    {
      type: 'ReceiveReferral',
      referralId,
      now,
      policy: { minAgeYears: 5, maxAgeYears: 19 },
      receivedAt: day(1),
      source: { kind: 'gp' },
      youngPerson: { givenName: 'Test', familyName: 'Person', dateOfBirth: '2013-01-01' },
      reasons: ['anxiety'],
      urgency: 'routine',
    },
    { type: 'AcceptReferral', referralId, at: day(2), now, linkWorkerId: SEEDED_LINK_WORKER },
    {
      type: 'ObtainConsent',
      referralId,
      at: day(3),
      now,
      givenBy: 'parent_carer',
      basis: 'parental_responsibility',
      scopes: ['support', 'share_with_camhs', 'share_with_mhst', 'share_with_school'],
    },
    ...(handoff
      ? [
          {
            type: 'RequestHandoff' as const,
            referralId,
            at: day(4),
            now,
            reason: 'Seeded',
            urgency: 'routine' as const,
            ...handoff,
          },
        ]
      : []),
  ];
  return decidedEvents(commands, () => now);
}

/**
 * The events the real decider makes of these commands in turn, stamped as a seeding actor at
 * `occurredAt(command)`: a fast way to reach a state that would take several requests over HTTP.
 */
export function decidedEvents(
  commands: ReferralCommand[],
  occurredAt: (command: ReferralCommand) => string = (command) => (command as { now: string }).now,
): NewEvent[] {
  let state: Referral = initialState;
  return commands.flatMap((command) =>
    decide(command, state).map((event) => {
      state = evolve(state, event);
      const metadata = {
        eventId: randomUUID(),
        occurredAt: occurredAt(command),
        actor: { sub: 'seed', roles: ['service_manager'] },
        correlationId: 'seed',
        causationId: 'seed',
        schemaVersion: 1,
      };
      return { type: event.type, data: event.data, metadata };
    }),
  );
}

/** Appends one active referral per id (with its handoff, when given), `concurrency` at a time. */
export async function seedActiveReferrals(
  store: EventStore,
  referrals: { referralId: string; handoff?: { handoffId: string; target: HandoffTarget } }[],
  concurrency = 8,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < referrals.length) {
        const { referralId, handoff } = referrals[next++]!;
        await store.append(
          referralStreamName(referralId),
          activeReferralEvents(referralId, handoff),
          'no_stream',
        );
      }
    }),
  );
}
