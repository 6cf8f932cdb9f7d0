import { DATA_KEY_STORE } from '@app/privacy';
import type { DataKeyStore } from '@app/privacy';
import { Api, bearer, startApi } from './support/api-harness';
import { LINK_WORKER, referralAt } from './support/referral-flow';

/*
 * The API keeps the folds of referrals it loaded lately (ADR 0025). These check, from the outside,
 * that what it serves is never older than the store and the key store.
 */
describe('Folds kept between reads and commands', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const manager = () => bearer(api.token('service_manager', 'sm-1'));
  const auditor = () => bearer(api.token('auditor', 'aud-1'));
  const lw = () => bearer(api.token('link_worker', LINK_WORKER));

  it('serves no personal data once the data key is gone, even when the key went without an erasure command', async () => {
    const id = await referralAt(api, 'active');
    const before = await api.http().get(`/v1/referrals/${id}`).set(manager()).expect(200);
    expect(JSON.stringify(before.body)).toContain('Sam');
    await api.http().get(`/v1/referrals/${id}/history`).set(auditor()).expect(200);
    // As an operator or a restore that lost the key row would: no PersonalDataErased event in the stream.
    await api.app.get<DataKeyStore>(DATA_KEY_STORE).erase(id);
    const after = await api.http().get(`/v1/referrals/${id}`).set(manager()).expect(200);
    const history = await api.http().get(`/v1/referrals/${id}/history`).set(auditor()).expect(200);
    for (const body of [after.body, history.body]) {
      expect(JSON.stringify(body)).not.toContain('Sam');
      expect(JSON.stringify(body)).not.toContain('9434765919');
    }
    expect(history.body.events[0].data.youngPerson.givenName).toBe('[erased]');
  });

  it('shows each command at once, with the version its ETag names, read after read', async () => {
    const id = await referralAt(api, 'active');
    let etag = (await api.http().get(`/v1/referrals/${id}`).set(lw()).expect(200)).headers.etag as string;
    for (let i = 0; i < 3; i++) {
      const held = await api
        .http()
        .post(`/v1/referrals/${id}/sessions`)
        .set(lw())
        .set('If-Match', etag)
        .send({ format: 'one_to_one', setting: 'school', durationMinutes: 30, attended: true })
        .expect(200);
      const read = await api.http().get(`/v1/referrals/${id}`).set(lw()).expect(200);
      expect(read.headers.etag).toBe(held.headers.etag);
      const history = await api.http().get(`/v1/referrals/${id}/history`).set(auditor()).expect(200);
      expect(`"${history.body.version}"`).toBe(held.headers.etag);
      expect(history.body.events.at(-1).type).toBe('SessionHeld');
      etag = held.headers.etag as string;
    }
  });
});
