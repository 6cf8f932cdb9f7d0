import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Api, bearer, startApi } from './support/api-harness';
import { referralBody } from './support/referral-fixtures';

/** Issue 18, 6: every problem `type` resolves to its entry in the error catalogue the API serves. */
describe('Problem types', () => {
  let api: Api;
  let page: string;
  beforeAll(async () => {
    api = await startApi();
    const res = await api.http().get('/problems').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    page = res.text;
  });
  afterAll(() => api.close());

  const manager = () => bearer(api.token('service_manager', 'sm-1'));
  const anchorOf = (type: string) => {
    expect(type).toMatch(/^\/problems#/);
    return type.slice('/problems#'.length);
  };

  it('anchors every code of docs/errors.md', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/errors.md'), 'utf8');
    const codes = [...doc.matchAll(/^\| `([A-Za-z_]+[.-][A-Z_0-9]+)`/gm)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThan(40);
    for (const code of codes)
      expect({ code, anchored: page.includes(`id="${code}"`) }).toEqual({ code, anchored: true });
  });

  it('points each problem the API answers at an anchor that exists', async () => {
    const referral = referralBody();
    await api.http().post('/v1/referrals').set(manager()).send(referral).expect(201);
    await api
      .http()
      .post(`/v1/referrals/${String(referral.id)}/accept`)
      .set(manager())
      .send({ linkWorkerId: 'lw-1' })
      .expect(200);
    const answers = [
      await api.http().get('/v1/referrals/queue'),
      await api.http().get('/v1/referrals/0b9d7a1e-5a59-4c7e-9d3f-1d2c3b4a5f60').set(manager()),
      await api.http().post('/v1/referrals').set(manager()).send({ source: 'nope' }),
      await api
        .http()
        .post(`/v1/referrals/${String(referral.id)}/accept`)
        .set(manager())
        .send({ linkWorkerId: 'lw-1' }),
      await api.http().post('/v1/referrals').set(manager()).set('Content-Type', 'text/plain').send('hello'),
    ];
    expect(answers.map((r) => r.status)).toEqual([401, 404, 400, 422, 415]);
    expect(answers[3]!.body.type).toBe(`/problems#${answers[3]!.body.code}`);
    for (const res of answers) {
      const anchor = anchorOf(res.body.type);
      expect({ anchor, found: page.includes(`id="${anchor}"`) }).toEqual({ anchor, found: true });
    }
  });
});
