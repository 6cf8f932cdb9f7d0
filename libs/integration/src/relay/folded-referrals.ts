import type { InboundOrigin } from '@app/contracts';
import type { Referral } from '@app/referral-domain';

/** A referral stream folded up to `version`, with the partner message it arrived in (its first event's metadata). */
export type FoldedReferral = { version: number; referral: Referral; origin: InboundOrigin | undefined };

/**
 * The most recently relayed referrals, folded, so the relay evolves a referral by the event it is
 * looking at instead of reading its stream again. Stored events never change, so a fold at version
 * `v` is right for any later event `v + 1`; anything else is a miss and the caller reads the stream.
 * Bounded: the least recently used referral is dropped first.
 */
export class FoldedReferrals {
  private readonly entries = new Map<string, FoldedReferral>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0)
      throw new Error(`Folded referral cache capacity must be a whole number, got ${capacity}`);
  }

  /** The fold just before `version`, when it is the one held; a miss otherwise (a stale fold is dropped). */
  before(stream: string, version: number): FoldedReferral | undefined {
    const held = this.entries.get(stream);
    if (held === undefined) return undefined;
    this.entries.delete(stream);
    return held.version === version - 1 ? held : undefined;
  }

  keep(stream: string, folded: FoldedReferral): void {
    if (this.capacity === 0) return;
    this.entries.delete(stream);
    this.entries.set(stream, folded);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  forget(stream: string): void {
    this.entries.delete(stream);
  }

  get size(): number {
    return this.entries.size;
  }
}
