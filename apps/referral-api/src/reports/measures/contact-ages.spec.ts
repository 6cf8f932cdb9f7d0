import type { ContactBandStamp, ReadModels, ReferralSummary } from '@app/read-models';
import { identityFingerprint } from '@app/read-models';
import type { YoungPersonIdentities, YoungPersonIdentity } from '../../infrastructure/young-person-identity';
import { ContactAges } from './contact-ages';

const summary = (referralId: string, sessions: string[]): ReferralSummary =>
  ({
    referralId,
    sealedIdentity: { kid: `k-${referralId}`, c: 'sealed' },
    ageAtReferral: 12,
    receivedAt: '2026-01-05T09:00:00.000Z',
    attendedSessions: sessions,
  }) as unknown as ReferralSummary;

const identity = (dateOfBirth: string | null, state: YoungPersonIdentity['state']): YoungPersonIdentity => ({
  givenName: '',
  familyName: '',
  dateOfBirth,
  state,
});

function contactAges(unstamped: string[], opened: Record<string, YoungPersonIdentity>) {
  const summaries = new Map(
    [summary('r-1', ['2026-02-01T10:00:00.000Z']), summary('r-2', ['2026-03-01T10:00:00.000Z'])].map((s) => [
      s.referralId,
      s,
    ]),
  );
  const stamped: ContactBandStamp[] = [];
  const readModels = {
    unstampedContacts: jest.fn(() => Promise.resolve(unstamped)),
    summariesById: jest.fn((ids: string[]) =>
      Promise.resolve(new Map(ids.map((id) => [id, summaries.get(id)!]))),
    ),
    stampContactBands: jest.fn((stamps: ContactBandStamp[]) => {
      stamped.push(...stamps);
      return Promise.resolve(stamps.length);
    }),
  };
  const identities = {
    of: jest.fn((rows: ReferralSummary[]) => Promise.resolve(rows.map((r) => opened[r.referralId]!))),
  };
  const ages = new ContactAges(
    readModels as unknown as ReadModels,
    identities as unknown as YoungPersonIdentities,
  );
  return { ages, identities, stamped };
}

describe('Age bands at contacts, stamped on first need', () => {
  it('opens nothing when every contact is stamped', async () => {
    const { ages, identities, stamped } = contactAges([], {});
    expect(await ages.stamp('2025-04-01', '2026-03-31')).toEqual(new Map());
    expect(identities.of).not.toHaveBeenCalled();
    expect(stamped).toEqual([]);
  });

  it('stamps the band from the date of birth, against the envelope opened; an unreadable one from the age at referral', async () => {
    const { ages, stamped } = contactAges(['r-1', 'r-2'], {
      'r-1': identity('2008-02-15', 'readable'),
      'r-2': identity(null, 'unreadable'),
    });
    const bands = await ages.stamp('2025-04-01', '2026-03-31');
    expect(stamped).toEqual([
      {
        referralId: 'r-1',
        contactAt: '2026-02-01T10:00:00.000Z',
        band: '16-17',
        identityFp: identityFingerprint({ kid: 'k-r-1', c: 'sealed' }),
      },
      // r-2 from the age at referral (12 in January 2026).
      {
        referralId: 'r-2',
        contactAt: '2026-03-01T10:00:00.000Z',
        band: '11-15',
        identityFp: identityFingerprint({ kid: 'k-r-2', c: 'sealed' }),
      },
    ]);
    expect(bands).toEqual(
      new Map([
        ['r-1|2026-02-01T10:00:00.000Z', '16-17'],
        ['r-2|2026-03-01T10:00:00.000Z', '11-15'],
      ]),
    );
    expect(JSON.stringify([...bands, stamped])).not.toMatch(/2008-02-15/);
  });
});
