import type { Api } from './api-harness';
import { bearer } from './api-harness';
import { at, referralBody } from './referral-fixtures';

export const LINK_WORKER = 'lw-ada';

/** Drives a referral through the API to the given stage, failing loudly if any step is refused. */
export async function referralAt(
  api: Api,
  stage: 'received' | 'accepted' | 'active',
  body = referralBody(),
): Promise<string> {
  const referrer = bearer(api.token('referrer', 'school-system-1'));
  const lw = bearer(api.token('link_worker', LINK_WORKER));
  const created = await api.http().post('/v1/referrals').set(referrer).send(body);
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  if (stage === 'received') return id;
  await expectOk(
    api
      .http()
      .post(`/v1/referrals/${id}/accept`)
      .set(lw)
      .send({ linkWorkerId: LINK_WORKER, at: at(2) }),
  );
  if (stage === 'accepted') return id;
  await expectOk(
    api
      .http()
      .post(`/v1/referrals/${id}/consent`)
      .set(lw)
      .send({
        givenBy: 'parent_carer',
        basis: 'parental_responsibility',
        scopes: ['support', 'share_with_camhs'],
        at: at(3),
      }),
  );
  return id;
}

async function expectOk(req: PromiseLike<{ status: number; body: unknown }>): Promise<void> {
  const res = await req;
  if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
}
