import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fhirMessageBundle } from '@app/testing';
import { Api, bearer, projectionsCaughtUp, startApi } from './support/api-harness';
import { ContractClient } from './support/contract-client';
import { referralBody } from './support/referral-fixtures';
import { typesStamp } from '../../../tools/openapi-export';

const DOC = join(__dirname, '../../../docs/openapi.json');
const TYPES = join(__dirname, 'support/openapi.generated.ts');

/**
 * Issue 18, 1: the OpenAPI document is the API. docs/openapi.json is what /docs-json serves, the e2e
 * client's types are generated from it, and every operation is called here with the generated types,
 * each real response (success and error) validated against the document's schema for its status.
 */
describe('The OpenAPI contract', () => {
  let api: Api;
  let client: ContractClient;
  beforeAll(async () => {
    api = await startApi({ DIRECTORY_SEED: 'true' });
    client = new ContractClient(api, JSON.parse(readFileSync(DOC, 'utf8')));
  });
  afterAll(() => api.close());

  const as = (role: Parameters<Api['token']>[0], sub?: string, claims?: Parameters<Api['token']>[2]) =>
    bearer(api.token(role, sub, claims));
  const manager = () => as('service_manager', 'sm-1');
  const lw = () => as('link_worker', 'lw-ada');
  const auditor = () => as('auditor', 'aud-1');
  const commissioner = () => as('commissioner', 'com-1');
  const none = {};

  it('is the document the API serves, and the generated client types are its own', async () => {
    const served = (await api.http().get('/docs-json').expect(200)).body;
    expect(served).toEqual(JSON.parse(readFileSync(DOC, 'utf8')));
    const stamp = readFileSync(TYPES, 'utf8').split('\n')[0];
    expect({ stamp, hint: 'run `npm run openapi`' }).toEqual({
      stamp: typesStamp(readFileSync(DOC, 'utf8')),
      hint: 'run `npm run openapi`',
    });
  });

  it('answers every operation as documented', async () => {
    const c = client;
    for (const path of ['/health', '/health/live', '/health/ready', '/metrics', '/problems'] as const)
      await c.call('get', path, none);

    const body = referralBody({ receivedAt: undefined });
    const created = await c.call('post', '/v1/referrals', manager(), { body });
    const id = String(created.body.id);
    await c.call('post', '/v1/referrals', manager(), { body });
    await c.call('get', '/v1/referrals/{id}', manager(), { params: { id } });
    await c.call('get', '/v1/referrals/{id}', as('referrer', 'ref-1'), { params: { id } });
    await c.call('get', '/v1/referrals/{id}', manager(), {
      params: { id: '0b9d7a1e-5a59-4c7e-9d3f-1d2c3b4a5f60' },
    });
    await projectionsCaughtUp(api);
    await c.call('get', '/v1/referrals/queue', lw());
    await c.call('get', '/v1/referrals', manager(), { query: { status: 'received' } });
    await c.call('post', '/v1/referrals', manager(), { body: { source: 'nope' } });

    const p = { params: { id } };
    await c.call('post', '/v1/referrals/{id}/accept', manager(), { ...p, body: { linkWorkerId: 'lw-ada' } });
    await c.call('post', '/v1/referrals/{id}/accept', manager(), { ...p, body: { linkWorkerId: 'lw-ada' } });
    await c.call('post', '/v1/referrals/{id}/assign', manager(), { ...p, body: { linkWorkerId: 'lw-bo' } });
    await c.call('post', '/v1/referrals/{id}/transfer', manager(), {
      ...p,
      body: { toLinkWorkerId: 'lw-ada', reason: 'capacity' },
    });
    await c.call('post', '/v1/referrals/{id}/consent', lw(), {
      ...p,
      body: {
        givenBy: 'parent_carer',
        basis: 'parental_responsibility',
        scopes: ['support', 'share_with_camhs'],
      },
    });
    const goals = await c.call('post', '/v1/referrals/{id}/goals', lw(), {
      ...p,
      body: { goals: [{ description: 'Go to football club', score: 1 }] },
    });
    const goalId = String((await api.http().get(`/v1/referrals/${id}`).set(lw())).body.goals[0].id);
    expect(goals.status).toBe(200);
    await c.call('post', '/v1/referrals/{id}/goals/{goalId}/scores', lw(), {
      params: { id, goalId },
      body: { score: 3 },
    });
    const session = await c.call('post', '/v1/referrals/{id}/sessions', lw(), {
      ...p,
      body: { format: 'group', setting: 'school', durationMinutes: 30, attended: true },
    });
    const sessionId = String(session.body.sessionId);
    await c.call('post', '/v1/referrals/{id}/sessions/{sessionId}/amendment', lw(), {
      params: { id, sessionId },
      body: { changes: { durationMinutes: 45 }, reason: 'Recorded the wrong length' },
    });
    const outcome = await c.call('post', '/v1/referrals/{id}/outcomes', lw(), {
      ...p,
      body: { measure: 'CORS', rater: 'young_person', score: 20 },
    });
    const outcomeId = String(outcome.body.outcomeId);
    await c.call('post', '/v1/referrals/{id}/outcomes/{outcomeId}/amendment', lw(), {
      params: { id, outcomeId },
      body: { score: 21, reason: 'Digits swapped when typing' },
    });
    await c.call('post', '/v1/referrals/{id}/outcomes/{outcomeId}/void', lw(), {
      params: { id, outcomeId },
      body: { reason: 'Recorded against the wrong young person' },
    });
    const handoff = async () =>
      String(
        (
          await c.call('post', '/v1/referrals/{id}/handoffs', lw(), {
            ...p,
            body: { target: 'camhs', reason: 'Low mood for six months', urgency: 'routine' },
          })
        ).body.handoffId,
      );
    const camhs = as('integration', 'camhs', { partner: 'camhs' });
    await c.call('post', '/v1/referrals/{id}/handoffs/{handoffId}/acknowledge', camhs, {
      params: { id, handoffId: await handoff() },
      body: { reference: 'CAMHS-1234' },
    });
    await c.call('post', '/v1/referrals/{id}/handoffs/{handoffId}/reject', camhs, {
      params: { id, handoffId: await handoff() },
      body: { reason: 'Does not meet the threshold' },
    });
    const book = async (startsAt: string) =>
      String(
        (
          await c.call('post', '/v1/referrals/{id}/appointments', lw(), {
            ...p,
            body: { startsAt, format: 'one_to_one', setting: 'school', durationMinutes: 45 },
          })
        ).body.appointmentId,
      );
    const first = await book('2030-01-12T15:30:00Z');
    await c.call('post', '/v1/referrals/{id}/appointments/{appointmentId}/reschedule', lw(), {
      params: { id, appointmentId: first },
      body: { startsAt: '2030-01-19T15:30:00Z', reason: 'Mock exams that week' },
    });
    await c.call('post', '/v1/referrals/{id}/appointments/{appointmentId}/cancel', lw(), {
      params: { id, appointmentId: first },
      body: { cancelledBy: 'family', reason: 'Family holiday' },
    });
    const past = await book(new Date(Date.now() - 3600_000).toISOString());
    await c.call('post', '/v1/referrals/{id}/appointments/{appointmentId}/attendance', lw(), {
      params: { id, appointmentId: past },
      body: { attended: true, activities: ['climbing wall'] },
    });
    const svc = String(
      (await api.http().get('/directory/services?per_page=1').expect(200)).body.contents[0].id,
    );
    const prescribed = await c.call('post', '/v1/referrals/{id}/prescriptions', lw(), {
      ...p,
      body: { serviceId: svc, goalIds: [goalId], note: 'Her cousin goes there too' },
    });
    await c.call('post', '/v1/referrals/{id}/prescriptions', lw(), {
      ...p,
      body: { serviceId: 'no-such-service' },
    });
    await c.call('post', '/v1/referrals/{id}/prescriptions/{prescriptionId}/uptake', lw(), {
      params: { id, prescriptionId: String(prescribed.body.prescriptionId) },
      body: { status: 'still_attending', feedbackScore: 8 },
    });
    await c.call('post', '/v1/referrals/{id}/demographics-correction', manager(), {
      ...p,
      body: { youngPerson: { postcode: 'LA1 3BT' }, reason: 'Moved house before the referral' },
    });
    await c.call('post', '/v1/referrals/{id}/consent/withdraw', lw(), {
      ...p,
      body: { scopes: ['share_with_camhs'] },
    });
    await c.call('post', '/v1/referrals/{id}/end', lw(), { ...p, body: { reason: 'goals_achieved' } });
    await c.call('post', '/v1/referrals/{id}/legal-hold', manager(), {
      ...p,
      body: { reason: 'Public inquiry' },
    });
    await c.call('post', '/v1/referrals/{id}/legal-hold/lift', manager(), {
      ...p,
      body: { reason: 'Inquiry closed' },
    });
    await c.call('get', '/v1/referrals/{id}/history', auditor(), p);
    await c.call('get', '/v1/referrals/{id}/verify', auditor(), p);

    // Decline, withdraw, and a duplicate merged into the first referral's twin.
    const declined = String(
      (await c.call('post', '/v1/referrals', manager(), { body: referralBody({ receivedAt: undefined }) }))
        .body.id,
    );
    await c.call('post', '/v1/referrals/{id}/decline', manager(), {
      params: { id: declined },
      body: { reason: 'Needs are met by the school nurse', signpostedTo: 'School nursing' },
    });
    const withdrawn = String(
      (
        await c.call('post', '/v1/referrals', as('referrer', 'ref-1'), {
          body: referralBody({ receivedAt: undefined }),
        })
      ).body.id,
    );
    await c.call('post', '/v1/referrals/{id}/withdraw', as('referrer', 'ref-1'), {
      params: { id: withdrawn },
      body: { reason: 'referred_elsewhere', note: 'The family chose an online service' },
    });
    const twin = String(
      (await c.call('post', '/v1/referrals', manager(), { body: referralBody({ receivedAt: undefined }) }))
        .body.id,
    );
    const original = String(
      (await c.call('post', '/v1/referrals', manager(), { body: referralBody({ receivedAt: undefined }) }))
        .body.id,
    );
    await c.call('post', '/v1/referrals/{id}/duplicate-resolution', manager(), {
      params: { id: twin },
      body: { decision: 'merge', duplicateOf: original },
    });
    await c.call('post', '/v1/referrals/{id}/erasure', manager(), {
      params: { id: declined },
      body: { reason: 'Created in error' },
    });
    await c.call('post', '/v1/referrals/{id}/accept', manager(), {
      params: { id: declined },
      body: { linkWorkerId: 'lw-ada' },
    });

    await projectionsCaughtUp(api);
    await c.call('get', '/v1/caseloads', manager());
    await c.call('get', '/v1/caseloads/{linkWorkerId}', manager(), { params: { linkWorkerId: 'lw-ada' } });
    await c.call('get', '/v1/reports/waiting-times', commissioner());
    await c.call('get', '/v1/reports/waiting-times', commissioner(), { headers: { Accept: 'text/csv' } });
    await c.call('get', '/v1/reports/outcomes', commissioner());
    await c.call('get', '/v1/reports/attendance', commissioner());
    await c.call('get', '/v1/reports/attendance', commissioner(), { headers: { Accept: 'text/csv' } });
    await c.call('get', '/v1/reports/prescriptions', manager());
    await c.call('get', '/v1/reports/prescriptions', commissioner(), { headers: { Accept: 'text/csv' } });
    await c.call('get', '/v1/reports/prescriptions', commissioner(), { query: { from: '2026-01-01' } });
    await c.call('get', '/v1/reports/unmet-need', manager());
    await c.call('get', '/v1/reports/unmet-need', commissioner(), { headers: { Accept: 'text/csv' } });
    for (const report of ['/v1/reports/spells', '/v1/reports/access', '/v1/reports/equity'] as const) {
      await c.call('get', report, manager());
      await c.call('get', report, commissioner(), { headers: { Accept: 'text/csv' } });
      await c.call('get', report, commissioner(), { query: { period: 'soon' } });
    }
    await c.call('get', '/v1/reports/spells', manager(), { query: { measure: 'first_contact' } });
    await c.call('get', '/v1/audit/access', auditor(), { query: { referralId: id } });

    await c.call('get', '/v1/audit/public-key', none);
    const signed = async () =>
      Number((await c.call('post', '/v1/audit/checkpoints', auditor())).body.treeSize);
    const from = await signed();
    await api
      .http()
      .post('/v1/referrals')
      .set(manager())
      .send(referralBody({ receivedAt: undefined }))
      .expect(201);
    const treeSize = await signed();
    await c.call('get', '/v1/audit/checkpoints/latest', auditor());
    await c.call('get', '/v1/audit/checkpoints/{treeSize}', auditor(), { params: { treeSize } });
    await c.call('get', '/v1/audit/checkpoints/consistency', auditor(), { query: { from, to: treeSize } });
    await c.call('get', '/v1/audit/referrals/{id}/events/{version}/proof', auditor(), {
      params: { id, version: 1 },
    });

    const gp = as('integration', 'emis-castle', { org: 'A81002' });
    const fhir = { 'Content-Type': 'application/fhir+json' };
    await c.call('get', '/fhir/R4/metadata', none);
    await c.call('post', '/fhir/R4/$process-message', gp, {
      headers: fhir,
      raw: JSON.stringify(fhirMessageBundle()),
    });
    await c.call('post', '/fhir/R4/$process-message', gp, {
      headers: fhir,
      raw: '{"resourceType":"Bundle"}',
    });
    const bundle = fhirMessageBundle();
    const entries = (bundle.entry as { resource: Record<string, unknown> }[]).map((e) => e.resource);
    const sr = entries.find((r) => r.resourceType === 'ServiceRequest')!;
    const patient = entries.find((r) => r.resourceType === 'Patient')!;
    const request = {
      ...sr,
      subject: { reference: '#p' },
      requester: { identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'A81002' } },
      reasonReference: undefined,
      contained: [{ ...patient, id: 'p' }],
    };
    await c.call('post', '/fhir/R4/ServiceRequest', gp, { headers: fhir, raw: JSON.stringify(request) });
    await c.call('post', '/fhir/R4/ServiceRequest', gp, { headers: fhir, raw: JSON.stringify(request) });

    await c.call('get', '/v1/referrals/{id}/suggested-services', lw(), { params: { id: twin } });
    await c.call('get', '/v1/referrals/{id}/suggested-services', lw(), { params: { id: declined } });
    await c.call('get', '/directory', none);
    const services = await c.call('get', '/directory/services', none, {
      query: { age: 12, postcode: 'LA1 1AA', proximity: 3000 },
    });
    await c.call('get', '/directory/services', none, { query: { age: -1 } });
    await c.call('get', '/directory/services/{id}', none, {
      params: { id: String(services.body.contents[0].id) },
    });
    await c.call('get', '/directory/services/{id}', none, {
      params: { id: '00000000-0000-4000-8000-000000000000' },
    });
    const firstOf = async (
      path:
        | '/directory/organizations'
        | '/directory/service_at_locations'
        | '/directory/taxonomies'
        | '/directory/taxonomy_terms',
    ) => String((await c.call('get', path, none, { query: { per_page: 5 } })).body.contents[0].id);
    await c.call('get', '/directory/organizations/{id}', none, {
      params: { id: await firstOf('/directory/organizations') },
    });
    await c.call('get', '/directory/service_at_locations/{id}', none, {
      params: { id: await firstOf('/directory/service_at_locations') },
    });
    await c.call('get', '/directory/taxonomies/{id}', none, {
      params: { id: await firstOf('/directory/taxonomies') },
    });
    await c.call('get', '/directory/taxonomy_terms/{id}', none, {
      params: { id: await firstOf('/directory/taxonomy_terms') },
    });

    const editor = as('directory_editor', 'ed-1');
    const added = await c.call('post', '/v1/directory/services', editor, {
      body: { name: 'Castle Chess Club', status: 'active', minimum_age: 8, maximum_age: 16 },
    });
    const serviceId = String(added.body.id);
    await c.call('post', '/v1/directory/services', editor, {
      body: { id: serviceId, name: 'x', status: 'active' },
    });
    await c.call('post', '/v1/directory/services', editor, { body: { name: 'No status' } });
    await c.call('put', '/v1/directory/services/{serviceId}', editor, {
      params: { serviceId },
      headers: { 'If-Match': '"1"' },
      body: { name: 'Castle Chess Club', status: 'active', minimum_age: 7, maximum_age: 16 },
    });
    await c.call('put', '/v1/directory/services/{serviceId}', editor, {
      params: { serviceId },
      headers: { 'If-Match': '"1"' },
      body: { name: 'Castle Chess Club', status: 'active' },
    });
    await c.call('put', '/v1/directory/services/{serviceId}', editor, {
      params: { serviceId: 'no-such-service' },
      body: { name: 'Nowhere', status: 'active' },
    });
    await c.call('get', '/v1/directory/services/{serviceId}/history', editor, { params: { serviceId } });
    const report = await c.call('post', '/v1/directory/services/{serviceId}/reports', lw(), {
      params: { serviceId },
      body: { kind: 'closed', detail: 'The hall has shut' },
    });
    await c.call('post', '/v1/directory/services/{serviceId}/reports', lw(), {
      params: { serviceId },
      body: { kind: 'moved' },
    });
    await c.call('get', '/v1/directory/reports', editor);
    await c.call('get', '/v1/directory/reports', commissioner());
    await c.call('post', '/v1/directory/reports/{reportId}/resolve', editor, {
      params: { reportId: String(report.body.id) },
      body: { outcome: 'closed', note: 'Confirmed' },
    });
    await c.call('post', '/v1/directory/reports/{reportId}/resolve', editor, {
      params: { reportId: String(report.body.id) },
      body: { outcome: 'closed' },
    });

    await c.call('get', '/health/integration', none);
    await c.call('get', '/admin/dead-letters', none);
    await c.call('post', '/admin/dead-letters/replay', none, { body: { code: 'MESSAGE.INVALID' } });

    const failures = c.checked.filter((x) => x.errors.length);
    expect(failures).toEqual([]);
    expect(c.unexercised()).toEqual([]);
    // Successes were checked, not only refusals.
    expect(c.checked.filter((x) => x.status < 300).length).toBeGreaterThan(50);
  }, 60_000);
});
