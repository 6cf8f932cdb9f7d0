import { createPublicKey, verify } from 'node:crypto';
import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkpointText, leafHash, verifyConsistency, verifyInclusion } from '@app/event-store';
import { Api, bearer, startApi } from './support/api-harness';
import { referralAt } from './support/referral-flow';
import { deleteStoredEvents } from './support/stored-events';

const hex = (s: string) => Buffer.from(s, 'hex');

describe('Signed checkpoints and proofs for auditors', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const auditor = () => bearer(api.token('auditor', 'aud-1'));
  const sign = async () => (await api.http().post('/v1/audit/checkpoints').set(auditor()).expect(201)).body;
  const publicKey = async () =>
    createPublicKey((await api.http().get('/v1/audit/public-key').expect(200)).body.publicKeyPem);

  it('publishes the Ed25519 public key to anyone, and signs checkpoints only for auditors', async () => {
    const key = (await api.http().get('/v1/audit/public-key').expect(200)).body;
    expect(key).toEqual({
      algorithm: 'Ed25519',
      publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY'),
      keyId: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    for (const role of ['service_manager', 'link_worker', 'commissioner', 'referrer'] as const)
      await api
        .http()
        .post('/v1/audit/checkpoints')
        .set(bearer(api.token(role)))
        .expect(403);
    await api.http().post('/v1/audit/checkpoints').expect(401);
  });

  it('signs a checkpoint of every event so far, writes it owner-only to the checkpoint directory and serves it back', async () => {
    const id = await referralAt(api, 'active');
    const checkpoint = await sign();
    expect(checkpoint.streams[`referral-${id}`]).toEqual({ version: 3, digest: expect.any(String) });
    expect(
      verify(
        null,
        Buffer.from(checkpointText(checkpoint)),
        await publicKey(),
        Buffer.from(checkpoint.signature, 'base64'),
      ),
    ).toBe(true);
    expect((await api.http().get('/v1/audit/checkpoints/latest').set(auditor()).expect(200)).body).toEqual(
      checkpoint,
    );
    expect(
      (await api.http().get(`/v1/audit/checkpoints/${checkpoint.treeSize}`).set(auditor()).expect(200)).body,
    ).toEqual(checkpoint);
    const dir = api.config.audit.checkpointDir;
    const files = readdirSync(dir).filter((f) => f.startsWith(String(checkpoint.treeSize).padStart(12, '0')));
    expect(files).toHaveLength(1);
    expect(statSync(join(dir, files[0]!)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('proves one event of a referral is in a checkpoint, and that a later checkpoint extends an earlier one', async () => {
    const id = await referralAt(api, 'accepted');
    const first = await sign();
    const proof = (
      await api.http().get(`/v1/audit/referrals/${id}/events/2/proof`).set(auditor()).expect(200)
    ).body;
    expect(proof.event).toMatchObject({ stream: `referral-${id}`, version: 2, type: 'ReferralAccepted' });
    expect(proof.checkpoint.treeSize).toBe(first.treeSize);
    const leaf = leafHash(Buffer.from(proof.leaf, 'utf8'));
    expect(leaf.toString('hex')).toBe(proof.leafHash);
    expect(
      verifyInclusion(leaf, proof.leafIndex, proof.treeSize, proof.path.map(hex), hex(first.rootHash)),
    ).toBe(true);
    // The leaf carries the event as stored: personal data stays sealed in it.
    expect(proof.leaf).not.toContain('Sam');

    await referralAt(api, 'active');
    const second = await sign();
    const consistency = (
      await api
        .http()
        .get(`/v1/audit/checkpoints/consistency?from=${first.treeSize}&to=${second.treeSize}`)
        .set(auditor())
        .expect(200)
    ).body;
    expect(
      verifyConsistency(
        first.treeSize,
        second.treeSize,
        consistency.proof.map(hex),
        hex(first.rootHash),
        hex(second.rootHash),
      ),
    ).toBe(true);
  });

  it('answers bad or unanswerable proof requests with problem+json naming the problem', async () => {
    const id = await referralAt(api, 'received');
    const notCovered = await api
      .http()
      .get(`/v1/audit/referrals/${id}/events/1/proof`)
      .set(auditor())
      .expect(409);
    expect(notCovered.body).toMatchObject({
      code: 'AUDIT.NOT_COVERED',
      detail: expect.stringMatching(/sign a newer one/),
    });
    await sign();
    const missing = await api
      .http()
      .get(`/v1/audit/referrals/${id}/events/9/proof`)
      .set(auditor())
      .expect(404);
    expect(missing.body.detail).toMatch(/has no event 9/);
    const bad = await api
      .http()
      .get(`/v1/audit/checkpoints/consistency?from=abc&to=2`)
      .set(auditor())
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    await api.http().get('/v1/audit/checkpoints/consistency?from=5&to=3').set(auditor()).expect(400);
    await api.http().get('/v1/audit/checkpoints/consistency?from=1&to=2&extra=1').set(auditor()).expect(400);
    await api.http().get('/v1/audit/checkpoints/999999').set(auditor()).expect(404);
    await api.http().get('/v1/audit/checkpoints/nope').set(auditor()).expect(400);
    await api.http().get(`/v1/audit/referrals/not-a-uuid/events/1/proof`).set(auditor()).expect(400);
  });

  it('`/verify` catches what the chain alone cannot: the last events deleted, or the whole referral', async () => {
    const truncated = await referralAt(api, 'active');
    const removed = await referralAt(api, 'active');
    await sign();
    const ok = (await api.http().get(`/v1/referrals/${truncated}/verify`).set(auditor()).expect(200)).body;
    expect(ok).toMatchObject({
      valid: true,
      chainValid: true,
      checkpoint: { status: 'matches', signedVersion: 3 },
    });

    await deleteStoredEvents(api, `referral-${truncated}`, 3);
    const cut = (await api.http().get(`/v1/referrals/${truncated}/verify`).set(auditor()).expect(200)).body;
    // The chain of the first two events still holds; the signed checkpoint says there were three.
    expect(cut).toMatchObject({ valid: false, chainValid: true, checkpoint: { status: 'truncated' } });

    await deleteStoredEvents(api, `referral-${removed}`);
    const gone = (await api.http().get(`/v1/referrals/${removed}/verify`).set(auditor()).expect(200)).body;
    expect(gone).toMatchObject({ valid: false, checkedEvents: 0, checkpoint: { status: 'removed' } });
  });
});
