import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api, bearer, startApi } from './support/api-harness';
import { LINK_WORKER, referralAt } from './support/referral-flow';
import { Tamperer, auditCli } from './support/tamper';

/**
 * Each attack of an insider with write access to the database, performed directly on the stored
 * events (SQLite here, PostgreSQL in the e2e-postgres project), after an auditor kept a signed
 * checkpoint: `npm run audit -- verify --all --checkpoint` and `GET /verify` must name every referral
 * touched, and no other. Erased referrals still verify.
 */
const ATTACKS = [
  'edit',
  'swap',
  'renumber',
  'deleteMiddle',
  'deleteLast',
  'deleteStream',
  'restamp',
  'editAndRehash',
] as const;
type Attack = (typeof ATTACKS)[number];

describe('Tamper suite: an insider with database access is caught', () => {
  let api: Api;
  let tamper: Tamperer;
  let dir: string;
  let keptCheckpoint: string;
  const ids = {} as Record<Attack | 'untouched' | 'erasedBefore' | 'erasedAfter' | 'endOfLog', string>;
  let truncatedStreams: string[];

  const auditor = () => bearer(api.token('auditor', 'aud-1'));
  const manager = () => bearer(api.token('service_manager', 'sm-1'));
  const stream = (id: string) => `referral-${id}`;
  const erase = (id: string) =>
    api
      .http()
      .post(`/v1/referrals/${id}/erasure`)
      .set(manager())
      .send({ reason: 'Created in error' })
      .expect(200);

  beforeAll(async () => {
    api = await startApi();
    tamper = new Tamperer(api);
    dir = mkdtempSync(join(tmpdir(), 'auditor-'));
    for (const name of [...ATTACKS, 'untouched', 'erasedBefore', 'erasedAfter'] as const)
      ids[name] = await referralAt(api, 'active');
    await erase(ids.erasedBefore);
    // A read of a child's record goes into the access log, whose end the last attack cuts off.
    await api
      .http()
      .get(`/v1/caseloads/${LINK_WORKER}`)
      .set(bearer(api.token('link_worker', LINK_WORKER)))
      .expect(200);
    await new Promise((r) => setTimeout(r, 300));
    // The newest referral: the end of the log, which the last attack cuts off.
    ids.endOfLog = await referralAt(api, 'active');
    // The auditor keeps the signed checkpoint outside the service.
    keptCheckpoint = join(dir, 'kept-checkpoint.json');
    const signed = await api.http().post('/v1/audit/checkpoints').set(auditor()).expect(201);
    writeFileSync(keptCheckpoint, JSON.stringify(signed.body));
    await erase(ids.erasedAfter);

    await tamper.editData(stream(ids.edit), 2, (d) => void (d.linkWorkerId = 'someone-else'));
    await tamper.swapVersions(stream(ids.swap), 2, 3);
    await tamper.run('UPDATE {events} SET version = 4 WHERE stream = ? AND version = 3', [
      stream(ids.renumber),
    ]);
    await tamper.run('DELETE FROM {events} WHERE stream = ? AND version = 2', [stream(ids.deleteMiddle)]);
    await tamper.run('DELETE FROM {events} WHERE stream = ? AND version = 3', [stream(ids.deleteLast)]);
    await tamper.run('DELETE FROM {events} WHERE stream = ?', [stream(ids.deleteStream)]);
    await tamper.editMetadata(
      stream(ids.restamp),
      2,
      (m) => void (m.recordedAt = '2020-01-01T00:00:00.000Z'),
    );
    await tamper.editData(stream(ids.editAndRehash), 2, (d) => void (d.linkWorkerId = 'someone-else'));
    await tamper.rehash(stream(ids.editAndRehash));
    // Truncating the log: the last events signed are cut off its end, and the access log's last entry.
    const last = (await tamper.lastEvents(60)).filter((r) => r.position <= signed.body.treeSize);
    const cut = [...last.slice(0, 2), last.find((r) => r.stream.startsWith('access-'))!];
    truncatedStreams = [...new Set(cut.map((r) => r.stream))];
    for (const row of cut) await tamper.run('DELETE FROM {events} WHERE position = ?', [row.position]);
  }, 120_000);

  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the chain alone misses the careful attacks: the last event or the stream deleted, a re-stamp, a re-hash', async () => {
    for (const attack of ['deleteLast', 'restamp', 'editAndRehash'] as const) {
      const res = await api.http().get(`/v1/referrals/${ids[attack]}/verify`).set(auditor()).expect(200);
      expect({ attack, chainValid: res.body.chainValid }).toEqual({ attack, chainValid: true });
    }
  });

  it('`GET /verify` names every referral attacked, and passes the untouched and the erased', async () => {
    for (const attack of ATTACKS) {
      const res = await api.http().get(`/v1/referrals/${ids[attack]}/verify`).set(auditor()).expect(200);
      expect({ attack, valid: res.body.valid }).toEqual({ attack, valid: false });
    }
    for (const fine of ['untouched', 'erasedBefore', 'erasedAfter'] as const) {
      const res = await api.http().get(`/v1/referrals/${ids[fine]}/verify`).set(auditor()).expect(200);
      expect({ fine, body: res.body }).toMatchObject({ fine, body: { valid: true } });
    }
  });

  it('`npm run audit -- verify --all --checkpoint` lists every referral attacked and the truncated log, and exits 1', () => {
    const { status, stdout, stderr } = auditCli(api, ['verify', '--all', '--checkpoint', keptCheckpoint]);
    expect(stderr).not.toMatch(/Audit failed/);
    expect(status).toBe(1);
    for (const attack of ATTACKS)
      expect({ attack, stdout }).toEqual({
        attack,
        stdout: expect.stringContaining(`BROKEN referral ${ids[attack]}`),
      });
    expect(truncatedStreams).toEqual(
      expect.arrayContaining([stream(ids.endOfLog), expect.stringMatching(/^access-/)]),
    );
    for (const name of truncatedStreams)
      expect(stdout).toContain(
        `BROKEN ${name.startsWith('access-') ? `stream ${name}` : `referral ${name.slice('referral-'.length)}`}`,
      );
    for (const fine of ['untouched', 'erasedBefore', 'erasedAfter'] as const)
      expect(stdout).not.toContain(ids[fine]);
  }, 150_000);

  it('without --checkpoint it checks against the newest checkpoint the service signed, and refuses a forged one', () => {
    const newest = auditCli(api, ['verify', '--all']);
    expect(newest.status).toBe(1);
    expect(newest.stdout).toContain(`BROKEN referral ${ids.deleteStream}`);
    const forged = join(dir, 'forged.json');
    writeFileSync(
      forged,
      JSON.stringify({
        ...(JSON.parse(readFileSync(keptCheckpoint, 'utf8')) as object),
        rootHash: '0'.repeat(64),
      }),
    );
    const refused = auditCli(api, ['verify', '--all', '--checkpoint', forged]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/is not a checkpoint signed by this service's key/);
  }, 150_000);
});
