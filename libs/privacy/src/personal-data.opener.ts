import type { DataKeyLookup, DataKeyStore } from './data-key.store';
import { LruCache } from './lru-cache';
import { asEnvelope, openPersonal } from './personal-envelope';
import type { PersonalValues } from './personal-data.fields';

/** What a sealed copy opens to: its values, or why they cannot be read. */
export type OpenedPersonalData = PersonalValues | 'erased' | 'unreadable';

/**
 * Opens the envelopes read models keep instead of personal data (a caseload row holds the sealed
 * envelope of its ReferralReceived, never the name in the clear). Each read asks the key store
 * whether the key is still there, so an erasure by any instance makes every copy unreadable at once;
 * opened values are kept in a bounded cache, so a busy caseload page is not decrypted on every read.
 */
export class PersonalDataOpener {
  private readonly opened: LruCache<string, PersonalValues>;

  constructor(
    private readonly keys: DataKeyStore,
    cacheSize = 10_000,
  ) {
    this.opened = new LruCache(cacheSize);
  }

  /** One result per envelope, in order; anything that is not an envelope reads as unreadable. */
  async openMany(envelopes: readonly unknown[]): Promise<OpenedPersonalData[]> {
    const parsed = envelopes.map(asEnvelope);
    const kids = new Set<string>();
    for (const envelope of parsed) if (typeof envelope === 'object') kids.add(envelope.kid);
    const keys = kids.size > 0 ? await this.keys.getMany([...kids]) : new Map<string, DataKeyLookup>();
    return parsed.map((envelope) => {
      if (typeof envelope !== 'object') return 'unreadable';
      const key = keys.get(envelope.kid);
      if (key === 'erased') return 'erased';
      if (!Buffer.isBuffer(key)) return 'unreadable';
      const id = `${envelope.kid}|${envelope.iv}|${envelope.tag}`;
      const cached = this.opened.get(id);
      if (cached !== undefined) return cached;
      try {
        const values = openPersonal(envelope, key);
        this.opened.set(id, values, Infinity);
        return values;
      } catch {
        return 'unreadable';
      }
    });
  }
}
