import { openSqliteDataKeyStore } from './data-key.store';
import type { KyselyDataKeyStore } from './data-key.store';
import { parseMasterKey } from './master-key';
import { PersonalDataOpener } from './personal-data.opener';
import { sealPersonal } from './personal-envelope';

const master = parseMasterKey(Buffer.alloc(32, 7).toString('base64'));

describe('Opening the sealed copies read models keep', () => {
  let keys: KyselyDataKeyStore;
  let opener: PersonalDataOpener;

  beforeEach(async () => {
    keys = await openSqliteDataKeyStore(':memory:', master);
    opener = new PersonalDataOpener(keys, 2);
  });
  afterEach(() => keys.close());

  const sealFor = async (subject: string, name: string) =>
    sealPersonal(subject, await keys.getOrCreate(subject), ['youngPerson.givenName'], {
      'youngPerson.givenName': name,
    });

  it('opens each envelope with its own referral key, in order, with one key lookup per page', async () => {
    const a = await sealFor('r-a', 'Ada');
    const b = await sealFor('r-b', 'Bea');
    expect(await opener.openMany([b, a, b])).toEqual([
      { 'youngPerson.givenName': 'Bea' },
      { 'youngPerson.givenName': 'Ada' },
      { 'youngPerson.givenName': 'Bea' },
    ]);
  });

  it('reads as erased once the key is erased, even when the opened value was cached', async () => {
    const a = await sealFor('r-a', 'Ada');
    await opener.openMany([a]);
    await keys.erase('r-a');
    expect(await opener.openMany([a])).toEqual(['erased']);
  });

  it('reads as unreadable for a forged ciphertext, another subject key, or something not an envelope', async () => {
    const a = await sealFor('r-a', 'Ada');
    await keys.getOrCreate('r-b');
    const forged = { ...a, ct: Buffer.from('not it').toString('base64') };
    const moved = { ...a, kid: 'r-b' };
    expect(await opener.openMany([forged, moved, 'Ada', null, { kid: 'r-a' }])).toEqual([
      'unreadable',
      'unreadable',
      'unreadable',
      'unreadable',
      'unreadable',
    ]);
  });
});
