import { Inject, Injectable } from '@nestjs/common';
import { DATA_KEY_STORE, ERASED, PersonalDataOpener, UNREADABLE } from '@app/privacy';
import type { DataKeyStore } from '@app/privacy';
import { IDENTITY_FIELDS } from '@app/read-models';
import type { ReferralSummary } from '@app/read-models';

/** A young person's name and date of birth as shown; `dateOfBirth` is null when it cannot be read. */
export type YoungPersonIdentity = {
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  /** `erased` once the referral's personal data is erased, `unreadable` when its key or ciphertext is bad. */
  state: 'readable' | 'erased' | 'unreadable';
};

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Opens the sealed identities of read-model rows (names and dates of birth are never stored in the
 * clear in a read model), one key lookup for the whole page.
 */
@Injectable()
export class YoungPersonIdentities {
  private readonly opener: PersonalDataOpener;

  constructor(@Inject(DATA_KEY_STORE) keys: DataKeyStore) {
    this.opener = new PersonalDataOpener(keys);
  }

  async of(rows: readonly ReferralSummary[]): Promise<YoungPersonIdentity[]> {
    const opened = await this.opener.openMany(rows.map((r) => r.sealedIdentity));
    return opened.map((values, index) => {
      if (values === 'erased' || rows[index]!.sealedIdentity === null)
        return { givenName: ERASED, familyName: ERASED, dateOfBirth: null, state: 'erased' };
      const given = values === 'unreadable' ? null : text(values[IDENTITY_FIELDS.givenName]);
      const family = values === 'unreadable' ? null : text(values[IDENTITY_FIELDS.familyName]);
      const born = values === 'unreadable' ? null : text(values[IDENTITY_FIELDS.dateOfBirth]);
      if (given === null || family === null || born === null)
        return { givenName: UNREADABLE, familyName: UNREADABLE, dateOfBirth: null, state: 'unreadable' };
      return { givenName: given, familyName: family, dateOfBirth: born, state: 'readable' };
    });
  }

  /**
   * The young people's postcodes, for aggregate matching in memory only (never returned or logged); null
   * when erased, unreadable or not given.
   */
  async postcodes(rows: readonly ReferralSummary[]): Promise<(string | null)[]> {
    const opened = await this.opener.openMany(rows.map((r) => r.sealedIdentity));
    return opened.map((values, index) =>
      values === 'erased' || values === 'unreadable' || rows[index]!.sealedIdentity === null
        ? null
        : text(values[IDENTITY_FIELDS.postcode]),
    );
  }
}
