import { DeciderStore } from '@app/event-store';
import type { EventStore } from '@app/event-store';

/**
 * The decider store referrals are loaded and decided through. It keeps each recently used referral's
 * fold and reads only the events appended since (ADR 0025), except across an erasure: a referral whose
 * stream holds `PersonalDataErased` is read whole every time, so what was decrypted before the erasure
 * is never served after it.
 */
export function referralDeciderStore(store: EventStore): DeciderStore {
  return new DeciderStore(store, { neverKeepAfter: (event) => event.type === 'PersonalDataErased' });
}
