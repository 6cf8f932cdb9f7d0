import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { queryDatabase } from '@app/testing';
import { Api, bearer, projectionsCaughtUp, startApi } from './support/api-harness';
import { at, referralBody } from './support/referral-fixtures';
import { LINK_WORKER, referralAt } from './support/referral-flow';

/** A valid NHS number (modulus 11) beginning with `nine` digits, for data no fixture shares. */
function nhsNumber(nine: string): string {
  const sum = [...nine].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
  const check = 11 - (sum % 11);
  if (check === 10) throw new Error('no check digit for that stem');
  return `${nine}${check === 11 ? 0 : check}`;
}

const NHS = nhsNumber('999617345');
/** Everything personal the test writes through the API, each value found nowhere else. */
const SECRETS = {
  givenName: 'Quilliamzq',
  familyName: 'Marchbankszq',
  dateOfBirth: '2013-07-19',
  nhsNumber: NHS,
  postcode: 'YO31 7QZ',
  parentName: 'Ottoline Zqparent',
  parentPhone: '07700 900987',
  referrerName: 'Zqreferrer Person',
  referralNotes: 'zq-note lives with an aunt',
  goal: 'zq-goal stop self harming',
  activity: 'zq-activity climbing wall',
  sessionNotes: 'zq-session talked about the bus stop',
  assessor: 'Zqassessor Practitioner',
  handoffReason: 'zq-handoff panic attacks at night',
  declineReason: 'zq-decline reason outside the area',
  signposted: 'zq-signposted to Kooth',
  holdReason: 'zq-hold reason complaint open',
  erasureReason: 'zq-erasure reason created in error',
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('Personal data at rest: nothing written through the API is readable in the files or tables', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const lw = () => bearer(api.token('link_worker', LINK_WORKER));
  const manager = () => bearer(api.token('service_manager', 'sm-1'));
  const post = (path: string, body: object, auth = lw(), status = 200) =>
    api.http().post(path).set(auth).send(body).expect(status);

  async function writeEverything(): Promise<void> {
    const body = referralBody({
      source: { kind: 'parent_carer', referrerName: SECRETS.referrerName },
      youngPerson: {
        givenName: SECRETS.givenName,
        familyName: SECRETS.familyName,
        dateOfBirth: SECRETS.dateOfBirth,
        nhsNumber: SECRETS.nhsNumber,
        postcode: SECRETS.postcode,
      },
      parentCarer: { name: SECRETS.parentName, relationship: 'aunt', phone: SECRETS.parentPhone },
      notes: SECRETS.referralNotes,
    });
    await api
      .http()
      .post('/v1/referrals')
      .set(bearer(api.token('referrer', 'parent-portal')))
      .set('Idempotency-Key', randomUUID())
      .send(body)
      .expect(201);
    const id = String(body.id);
    await post(`/v1/referrals/${id}/accept`, { linkWorkerId: LINK_WORKER, at: at(2) });
    await post(`/v1/referrals/${id}/consent`, {
      givenBy: 'young_person',
      basis: 'gillick_competent',
      competenceAssessedBy: SECRETS.assessor,
      scopes: ['support', 'share_with_camhs'],
      at: at(3),
    });
    await post(`/v1/referrals/${id}/goals`, { goals: [{ description: SECRETS.goal, score: 3 }], at: at(4) });
    await post(`/v1/referrals/${id}/sessions`, {
      format: 'one_to_one',
      setting: 'school',
      durationMinutes: 45,
      attended: true,
      activities: [SECRETS.activity],
      notes: SECRETS.sessionNotes,
      at: at(5),
    });
    await post(
      `/v1/referrals/${id}/handoffs`,
      { target: 'camhs', reason: SECRETS.handoffReason, urgency: 'routine' },
      lw(),
      202,
    );
    const declined = await referralAt(api, 'received');
    await post(`/v1/referrals/${declined}/decline`, {
      reason: SECRETS.declineReason,
      signpostedTo: SECRETS.signposted,
    });
    const held = await referralAt(api, 'received');
    await post(`/v1/referrals/${held}/legal-hold`, { reason: SECRETS.holdReason }, manager());
    const erased = await referralAt(api, 'received');
    await post(`/v1/referrals/${erased}/erasure`, { reason: SECRETS.erasureReason }, manager());
    // Reads fill the caches, the access log and the read models.
    await api.http().get(`/v1/referrals/${id}`).set(lw()).expect(200);
    await projectionsCaughtUp(api);
    const caseload = await api.http().get(`/v1/caseloads/${LINK_WORKER}`).set(lw()).expect(200);
    // The caseload still shows the name: sealed at rest, opened on read.
    expect(JSON.stringify(caseload.body)).toContain(SECRETS.givenName);
    await api
      .http()
      .post('/v1/audit/checkpoints')
      .set(bearer(api.token('auditor')))
      .expect(201);
  }

  function foundIn(text: Buffer | string): string[] {
    const haystack = typeof text === 'string' ? text : text.toString('latin1');
    return Object.entries(SECRETS)
      .filter(([, value]) => haystack.includes(value) || haystack.includes(value.replace(/ /g, '')))
      .map(([name]) => name);
  }

  it('no file under DATA_DIR holds any of it, the SQLite WAL files included, and every file is owner-only', async () => {
    await writeEverything();
    const files = filesUnder(api.config.dataDir);
    expect(files.some((f) => f.endsWith('-wal')) || api.config.eventStore.kind === 'postgres').toBe(true);
    for (const file of files) {
      expect({ file, found: foundIn(readFileSync(file)) }).toEqual({ file, found: [] });
      expect({ file, mode: (statSync(file).mode & 0o777).toString(8) }).toEqual({ file, mode: '600' });
    }
  });

  it('no PostgreSQL table holds any of it', async () => {
    const store = api.config.eventStore;
    if (store.kind !== 'postgres') return; // The e2e-postgres project runs this against PostgreSQL.
    const tables = await queryDatabase<{ schema: string; name: string }>(
      store.postgres.url,
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['events', 'referral_summary']));
    for (const { schema, name } of tables) {
      const rows = await queryDatabase<{ row: string }>(
        store.postgres.url,
        `SELECT t::text AS row FROM "${schema}"."${name}" t`,
      );
      expect({ table: `${schema}.${name}`, found: foundIn(rows.map((r) => r.row).join('\n')) }).toEqual({
        table: `${schema}.${name}`,
        found: [],
      });
    }
  });
});
