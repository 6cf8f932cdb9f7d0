import { Api, bearer, startApi } from './support/api-harness';

const OPS_TOKEN = 'ops-token-for-the-scraper-0123456789abcdef';

describe('Operator endpoints behind OPS_TOKEN', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi({ OPS_TOKEN });
  });
  afterAll(() => api.close());

  const operatorPaths = ['/metrics', '/health/integration', '/docs-json', '/docs'];

  it('answer only the operator token, not anonymous callers nor a staff token of any role', async () => {
    for (const path of operatorPaths) {
      const anonymous = await api.http().get(path);
      expect({ path, status: anonymous.status }).toEqual({ path, status: 401 });
      expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
      const staff = await api
        .http()
        .get(path)
        .set(bearer(api.token('auditor')));
      expect({ path, status: staff.status }).toEqual({ path, status: 401 });
      const wrong = await api
        .http()
        .get(path)
        .set(bearer(`${OPS_TOKEN}x`));
      expect({ path, status: wrong.status }).toEqual({ path, status: 401 });
      const operator = await api.http().get(path).set(bearer(OPS_TOKEN)).redirects(1);
      expect({ path, status: operator.status }).toEqual({ path, status: 200 });
    }
  });

  it('keep the docs behind the token however their URL is spelt', async () => {
    for (const path of ['/DOCS-JSON', '/Docs', '/%64ocs-json', '/docs/', '/docs-yaml']) {
      const anonymous = await api.http().get(path);
      expect({ path, status: anonymous.status }).toEqual({ path, status: 401 });
    }
  });

  it('leaves liveness and readiness probes open', async () => {
    await api.http().get('/health/live').expect(200);
    await api.http().get('/health/ready').expect(200);
  });
});
