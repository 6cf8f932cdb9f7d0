import { createTestDatabase, eventually, localPostgresCluster } from '@app/testing';
import type { TestDatabase } from '@app/testing';
import { Api, bearer, projectionsCaughtUp, startApi } from './support/api-harness';
import { referralBody } from './support/referral-fixtures';
import { LINK_WORKER, referralAt } from './support/referral-flow';

// Stops the machine's PostgreSQL for a few seconds: run in band (npm test), never beside other suites using it.
const cluster = localPostgresCluster();

if (cluster === undefined) {
  it('is not run without a local PostgreSQL cluster to stop and start (pg_ctlcluster)', () => {
    process.stdout.write('PostgreSQL restart test NOT RUN: no local cluster to control.\n');
    expect(cluster).toBeUndefined();
  });
} else
  describe('API on PostgreSQL while PostgreSQL restarts', () => {
    let database: TestDatabase;
    let api: Api;
    const manager = () => bearer(api.token('service_manager', 'sm-1'));
    const lw = () => bearer(api.token('link_worker', LINK_WORKER));

    beforeAll(async () => {
      database = await createTestDatabase('restart', { durable: true });
      api = await startApi({
        EVENT_STORE: 'postgres',
        READ_MODEL_STORE: 'postgres',
        DATABASE_URL: database.url,
      });
    });
    afterAll(async () => {
      if (!(await cluster!.isUp())) await cluster!.start();
      await api?.close();
      await database?.drop();
    });

    it('answers 503 while it is down, recovers by itself and keeps every acknowledged command', async () => {
      const acknowledged = await referralAt(api, 'accepted');
      await projectionsCaughtUp(api);
      try {
        await cluster!.stop();
        const refused = await api
          .http()
          .post('/v1/referrals')
          .set(bearer(api.token('referrer', 'gp-1')))
          .send(referralBody());
        expect(refused.status).toBe(503);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
        await api.http().get(`/v1/referrals/${acknowledged}`).set(manager()).expect(503);
        await api.http().get(`/v1/caseloads/${LINK_WORKER}`).set(lw()).expect(503);
        await api.http().get('/health').expect(503);
      } finally {
        await cluster!.start();
      }
      // No restart of the API: its pools reconnect and the projections resume on their own.
      await eventually(
        () => api.http().get(`/v1/referrals/${acknowledged}`).set(manager()).expect(200),
        20_000,
        200,
      );
      const after = await referralAt(api, 'accepted');
      await eventually(
        async () => {
          const caseload = await api.http().get(`/v1/caseloads/${LINK_WORKER}`).set(lw()).expect(200);
          const ids = JSON.stringify(caseload.body);
          expect(ids).toContain(acknowledged);
          expect(ids).toContain(after);
        },
        20_000,
        200,
      );
    }, 90_000);
  });
