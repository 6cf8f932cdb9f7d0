import { DeciderStore } from '@app/event-store';
import type { EventStore } from '@app/event-store';

const STREAM_PREFIX = 'referral-';

/** Folds kept between loads: enough for every referral being worked on at once by an instance's users. */
export const KEPT_REFERRALS = 1_000;

/**
 * The decider store referrals are loaded and decided through. It keeps the folds of the referrals it
 * loaded last and reads only the events appended since (ADR 0025), but never across an erasure: a
 * referral whose stream holds `PersonalDataErased` is read whole every time, and so is one whose data
 * key the key store no longer gives (erased, missing or unreadable, by whatever means and whichever
 * instance), which is asked on every load. So what was decrypted before an erasure is never served
 * after it.
 */
export function referralDeciderStore(
  store: EventStore,
  keys: { get(subjectId: string): Promise<unknown> },
): DeciderStore {
  return new DeciderStore(store, {
    keptStreams: KEPT_REFERRALS,
    neverKeepAfter: (event) => event.type === 'PersonalDataErased',
    stillReadable: async (stream) =>
      stream.startsWith(STREAM_PREFIX) && Buffer.isBuffer(await keys.get(stream.slice(STREAM_PREFIX.length))),
  });
}
