import { Inject, Injectable } from '@nestjs/common';
import { ReadModels, contactBandStamps, contactKey } from '@app/read-models';
import type { AccessBand, ContactBandStamp } from '@app/read-models';
import { YoungPersonIdentities } from '../../infrastructure/young-person-identity';
import { READ_MODELS } from '../../projections/read-models.module';

/** Referrals opened at a time: one key lookup each. */
const PAGE = 500;

/**
 * The age band at each attended contact (docs/domain.md#access), stamped on the contact facts the first
 * time a report needs it: the sealed identities of the referrals with contacts not stamped yet are
 * opened in memory, and only the band is written, where the identity is still the one opened. The date
 * of birth is never kept, logged or returned. When nothing changed, nothing is opened.
 */
@Injectable()
export class ContactAges {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    private readonly identities: YoungPersonIdentities,
  ) {}

  /**
   * Stamps the contacts on the dates from..to (UTC, inclusive) not stamped yet. Returns every band it
   * worked out, by `contactKey`, for this count only: among them those it could not stamp, of
   * identities corrected meanwhile.
   */
  async stamp(from: string, to: string): Promise<Map<string, AccessBand>> {
    const ids = await this.readModels.unstampedContacts(from, to);
    const bands = new Map<string, AccessBand>();
    for (let i = 0; i < ids.length; i += PAGE) {
      const stamps = await this.bandsOf(ids.slice(i, i + PAGE), bands);
      await this.readModels.stampContactBands(stamps);
    }
    return bands;
  }

  /** The stamps of these referrals' contacts, adding every band worked out to `bands`. */
  private async bandsOf(ids: string[], bands: Map<string, AccessBand>): Promise<ContactBandStamp[]> {
    const summaries = [...(await this.readModels.summariesById(ids)).values()];
    // Opened in memory for the band at each contact, never kept or returned.
    const identities = await this.identities.of(summaries);
    return summaries.flatMap((summary, i) => {
      const { dateOfBirth } = identities[i]!;
      const stamps = contactBandStamps(summary, dateOfBirth);
      for (const s of stamps) bands.set(contactKey(s.referralId, s.contactAt), s.band);
      // An identity that cannot be read is stamped as the count takes it: the age at referral and the
      // years since (docs/domain.md#access), until its referral is saved again.
      return stamps;
    });
  }
}
