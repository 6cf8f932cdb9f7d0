import { createHash } from 'node:crypto';
import type { EventMetadata, StoredEvent } from '../event-store.port';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * SHA-256 over the previous event's hash and the canonical JSON of this event: type, data and metadata
 * without `hash` and without `recordedAt`, which each store stamps itself inside its own transaction.
 */
export function eventHash(
  previousHash: string,
  event: { type: string; data: unknown; metadata: Partial<EventMetadata> },
): string {
  const { hash: _hash, recordedAt: _recordedAt, ...metadata } = event.metadata as Record<string, unknown>;
  return createHash('sha256')
    .update(previousHash)
    .update('\n')
    .update(canonicalJson({ type: event.type, data: event.data, metadata }))
    .digest('hex');
}

export type ChainVerification = { valid: boolean; checkedEvents: number; firstBrokenVersion?: number };

/** Recomputes a stream's chain; the first event whose hash does not follow from its predecessor breaks it. */
export function verifyChain(events: StoredEvent[]): ChainVerification {
  let previous = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const recorded = (event.metadata as { hash?: unknown }).hash;
    // Versions must run 1, 2, 3... in the order given (the replay order), as well as chain.
    if (
      event.version !== index + 1 ||
      typeof recorded !== 'string' ||
      recorded !== eventHash(previous, event)
    ) {
      return { valid: false, checkedEvents: events.length, firstBrokenVersion: event.version };
    }
    previous = recorded;
  }
  return { valid: true, checkedEvents: events.length };
}
