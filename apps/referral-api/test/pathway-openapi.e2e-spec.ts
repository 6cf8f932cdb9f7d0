import { Api, startApi } from './support/api-harness';

/** Issue 17, 7: partners code against the contract, so every pathway route is documented with an example. */
describe('OpenAPI for working the pathway', () => {
  let api: Api;
  let docs: {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: { name: string }[];
          requestBody?: {
            content: Record<string, { schema: { $ref: string }; examples: { example: { value: unknown } } }>;
          };
        }
      >
    >;
    components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
  };

  beforeAll(async () => {
    api = await startApi();
    docs = (await api.http().get('/docs-json').expect(200)).body;
  });
  afterAll(() => api.close());

  it.each([
    ['/v1/referrals/{id}/duplicate-resolution', ['decision', 'duplicateOf']],
    ['/v1/referrals/{id}/demographics-correction', ['youngPerson', 'reason']],
    ['/v1/referrals/{id}/transfer', ['toLinkWorkerId', 'toTeam', 'reason', 'note']],
    ['/v1/referrals/{id}/sessions/{sessionId}/amendment', ['changes', 'reason']],
    ['/v1/referrals/{id}/outcomes/{outcomeId}/amendment', ['score', 'reason']],
    ['/v1/referrals/{id}/outcomes/{outcomeId}/void', ['reason']],
    ['/v1/referrals/{id}/withdraw', ['reason', 'note']],
    ['/v1/referrals', ['previousReferralId']],
  ])('documents POST %s with its schema and an example', (path, properties) => {
    const body = docs.paths[path]!.post!.requestBody!.content['application/json']!;
    expect(body.examples.example.value).toEqual(expect.any(Object));
    const name = body.schema.$ref.split('/').pop()!;
    expect(Object.keys(docs.components.schemas[name]!.properties ?? {})).toEqual(
      expect.arrayContaining(properties),
    );
  });

  it('takes the schemas from the validation rules: nested objects, enums, formats and required fields', () => {
    const schemas = docs.components.schemas as Record<
      string,
      { properties: Record<string, Record<string, unknown>>; required?: string[] }
    >;
    const receive = schemas.ReceiveReferralRequest!;
    expect(receive.required).toEqual(expect.arrayContaining(['source', 'youngPerson', 'reasons']));
    expect(receive.properties.youngPerson).toMatchObject({ $ref: '#/components/schemas/YoungPersonRequest' });
    expect(schemas.YoungPersonRequest!.properties.dateOfBirth).toMatchObject({
      type: 'string',
      format: 'date',
    });
    expect(schemas.TransferReferralRequest!.properties.reason).toMatchObject({
      enum: expect.arrayContaining(['capacity']),
    });
    expect(schemas.TransferReferralRequest!.properties.at).toMatchObject({ format: 'date-time' });
  });

  it('describes the shared contract: If-Match and Idempotency-Key on commands, X-Purpose on reads, problem+json errors', () => {
    type Op = {
      parameters?: { name: string; in: string }[];
      responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }>;
    };
    const op = (path: string, method: string) => (docs.paths[path] as unknown as Record<string, Op>)[method]!;
    const transfer = op('/v1/referrals/{id}/transfer', 'post');
    expect(transfer.parameters?.filter((p) => p.in === 'header').map((p) => p.name)).toEqual([
      'If-Match',
      'Idempotency-Key',
    ]);
    for (const status of ['400', '401', '403', '404', '409', '410', '412', '422', '429', '503'])
      expect({
        status,
        ref: transfer.responses[status]?.content?.['application/problem+json']?.schema.$ref,
      }).toEqual({
        status,
        ref: '#/components/schemas/Problem',
      });
    const search = op('/v1/referrals', 'get');
    expect(search.parameters?.some((p) => p.in === 'header' && p.name === 'X-Purpose')).toBe(true);
    expect(Object.keys(search.responses)).not.toContain('422');
    expect(docs.components.schemas.Problem?.properties).toEqual(
      expect.objectContaining({ code: expect.any(Object), errors: expect.any(Object) }),
    );
  });

  it('documents the search and queue parameters', () => {
    const names = (path: string) => (docs.paths[path]!.get!.parameters ?? []).map((p) => p.name);
    expect(names('/v1/referrals')).toEqual(
      expect.arrayContaining(['status', 'nhsNumber', 'name', 'dateOfBirth', 'cursor', 'limit', 'sort']),
    );
    expect(names('/v1/referrals/queue')).toEqual(expect.arrayContaining(['team', 'limit']));
  });
});
