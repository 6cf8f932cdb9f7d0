import { createHmac, hkdfSync } from 'node:crypto';
import type { MasterKey } from './master-key';

/** What the HKDF derivation of the index key is bound to: another purpose never gets the same key. */
const INFO = 'cyp-referrals/blind-index/v1';

/**
 * A keyed blind index: HMAC-SHA256 under a key derived from the master key, so a normalised name,
 * date of birth or NHS number can be matched by equality without ever being stored in the clear, and
 * a token cannot be tested against a guess without the key (a plain hash of a name could).
 * Each token is bound to its kind, so a name never matches a date of birth.
 */
export class BlindIndex {
  private constructor(private readonly key: Buffer) {}

  /** The index of a master key: stable for as long as that key is (every instance derives the same one). */
  static fromMaster(master: MasterKey): BlindIndex {
    return new BlindIndex(Buffer.from(hkdfSync('sha256', master.key, Buffer.alloc(0), INFO, 32)));
  }

  /** The token of one normalised value of one kind (`nhs`, `word`, `dob`...). */
  token(kind: string, value: string): string {
    return createHmac('sha256', this.key).update(kind).update('\u0000').update(value).digest('base64url');
  }
}
