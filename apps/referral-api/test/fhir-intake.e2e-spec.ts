import { fhirIssues, fhirMessageBundle, fhirReferralBundle } from '@app/testing';
import { Api, bearer, startApi } from './support/api-harness';

type Resource = Record<string, unknown>;
const FHIR = 'application/fhir+json';

/** Issue 18, 2: FHIR R4 intake over HTTP, answering OperationOutcome on error. */
describe('FHIR R4 intake over HTTP', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const gp = () => bearer(api.token('integration', 'emis-castle', { org: 'A81002' }));
  const manager = () => bearer(api.token('service_manager', 'sm-1'));
  const post = (path: string, body: unknown, auth = gp()) =>
    api.http().post(path).set(auth).set('Content-Type', FHIR).send(JSON.stringify(body));

  it('publishes a CapabilityStatement listing the UK Core profiles it accepts, without a token', async () => {
    const res = await api.http().get('/fhir/R4/metadata').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(res.body).toMatchObject({
      resourceType: 'CapabilityStatement',
      fhirVersion: '4.0.1',
      kind: 'instance',
    });
    const profiles = res.body.rest[0].resource.map((r: { profile: string }) => r.profile);
    expect(profiles).toEqual(
      expect.arrayContaining([
        'https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest',
        'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient',
      ]),
    );
    expect(res.body.rest[0].operation[0].name).toBe('process-message');
    const docs = (await api.http().get('/docs-json').expect(200)).body;
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining(['/fhir/R4/metadata', '/fhir/R4/ServiceRequest', '/fhir/R4/$process-message']),
    );
  });

  it('receives a BaRS message Bundle with $process-message, keeping reasons as sent, the ODS code and PCN', async () => {
    const bundle = fhirMessageBundle();
    const res = await post('/fhir/R4/$process-message', bundle).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(fhirIssues(res.body)).toEqual([]);
    const header = res.body.entry[0].resource;
    expect(header).toMatchObject({
      resourceType: 'MessageHeader',
      response: { identifier: bundle.id, code: 'ok' },
    });
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/v1\/referrals\/[0-9a-f-]{36}$/);
    const view = await api.http().get(location).set(manager()).expect(200);
    expect(view.body).toMatchObject({
      source: { kind: 'gp', organisationCode: 'A81002', referrerName: 'Dr Ruth Hale' },
      pcnCode: 'U34567',
      reasons: ['anxiety', 'other', 'social_isolation'],
      youngPerson: { ethnicity: 'Asian or Asian British - Indian', nhsNumber: '9434765919' },
    });
    expect(view.body.reasonsAsSent).toEqual([
      expect.objectContaining({
        reason: 'anxiety',
        mapped: true,
        codings: [expect.objectContaining({ code: '197480006' })],
      }),
      expect.objectContaining({
        reason: 'other',
        mapped: false,
        text: 'Finds it hard to leave the house at weekends',
      }),
      expect.objectContaining({ reason: 'social_isolation', via: 'reasonReference' }),
    ]);
    // The same message again is the same referral, not a second one.
    const again = await post('/fhir/R4/$process-message', bundle).expect(200);
    expect(again.headers.location).toBe(location);
  });

  it('receives a ServiceRequest with POST /fhir/R4/ServiceRequest: 201 with its Location, 200 when resent', async () => {
    const bundle = fhirReferralBundle();
    const entries = bundle.entry as { resource: Resource }[];
    const [sr, patient] = entries.map((e) => e.resource);
    const request = {
      ...sr,
      identifier: [{ system: 'https://gp.example/ref', value: `r-${Date.now()}` }],
      subject: { reference: '#p' },
      requester: { identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'A81002' } },
      contained: [{ ...patient, id: 'p' }],
    };
    const created = await post('/fhir/R4/ServiceRequest', request).expect(201);
    expect(created.body.resourceType).toBe('OperationOutcome');
    expect(created.headers.location).toMatch(/^\/v1\/referrals\//);
    const resent = await post('/fhir/R4/ServiceRequest', request).expect(200);
    expect(resent.headers.location).toBe(created.headers.location);
  });

  it('refuses a request that is not a social prescribing referral with an OperationOutcome naming each element', async () => {
    const bundle = fhirMessageBundle((r) => {
      r.ServiceRequest!.code = { coding: [{ system: 'http://snomed.info/sct', code: '168537006' }] };
      r.Patient!.identifier = [{ system: 'http://fhir.nhs.net/Id/nhs-number', value: '9434765919' }];
    });
    const res = await post('/fhir/R4/$process-message', bundle).expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(fhirIssues(res.body)).toEqual([]);
    expect(res.body.issue).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'invalid',
        expression: ['ServiceRequest.code'],
        details: expect.objectContaining({
          coding: [expect.objectContaining({ code: 'FHIR.INVALID_REFERRAL' })],
        }),
      }),
      expect.objectContaining({ expression: ['Patient.identifier[0].system'] }),
    ]);
  });

  it('answers a missing token, a wrong media type and unparseable JSON as OperationOutcomes', async () => {
    const unauthenticated = await api
      .http()
      .post('/fhir/R4/$process-message')
      .set('Content-Type', FHIR)
      .send(JSON.stringify(fhirMessageBundle()))
      .expect(401);
    expect(unauthenticated.body).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ code: 'login' }],
    });
    const broken = await api
      .http()
      .post('/fhir/R4/ServiceRequest')
      .set(gp())
      .set('Content-Type', FHIR)
      .send('{"resourceType":');
    expect(broken.status).toBe(400);
    expect(broken.body.resourceType).toBe('OperationOutcome');
    const notABundle = await post('/fhir/R4/$process-message', fhirReferralBundle()).expect(422);
    expect(notABundle.body.issue[0].expression).toEqual(['Bundle.type']);
    const forbidden = await post(
      '/fhir/R4/ServiceRequest',
      fhirReferralBundle(),
      bearer(api.token('link_worker', 'lw-1')),
    );
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.issue[0].code).toBe('forbidden');
  });
});
