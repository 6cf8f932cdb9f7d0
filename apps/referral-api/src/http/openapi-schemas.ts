import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ValidationTypes, getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { targetConstructorToSchema, validationMetadatasToSchemas } from 'class-validator-jsonschema';

const REF = '#/components/schemas/';

/** The validators this service registers itself, and what they mean as JSON Schema. */
const CUSTOM: Record<string, SchemaObject> = {
  isCalendarDate: { type: 'string', format: 'date', example: '2014-03-02' },
  isIsoDateTime: { type: 'string', format: 'date-time', example: '2026-03-01T09:30:00Z' },
  isNhsNumber: { type: 'string', pattern: '^\\d{3} ?\\d{3} ?\\d{4}$', example: '943 476 5919' },
  hasSomeField: {},
};

const customSchema = (meta: ValidationMetadata): SchemaObject | undefined => {
  const name = getMetadataStorage().getTargetValidatorConstraints(meta.constraintCls)[0]?.name;
  return name === undefined ? undefined : CUSTOM[name];
};

type Options = NonNullable<Parameters<typeof targetConstructorToSchema>[1]>;
const OPTIONS: Options = {
  refPointerPrefix: REF,
  classTransformerMetadataStorage: defaultMetadataStorage,
  additionalConverters: {
    [ValidationTypes.CUSTOM_VALIDATION]: (meta: ValidationMetadata) => customSchema(meta) ?? {},
  } as unknown as Options['additionalConverters'],
};

/**
 * Fills the request schemas the OpenAPI document names from the validation rules themselves (types,
 * enums, lengths, patterns, required fields, nested objects), so the contract partners read is the one
 * the API enforces. Properties described with @ApiProperty keep their own description.
 */
export function withValidationSchemas(document: OpenAPIObject): OpenAPIObject {
  const generated = validationMetadatasToSchemas(OPTIONS) as Record<string, SchemaObject>;
  const schemas = { ...(document.components?.schemas ?? {}) } as Record<string, SchemaObject>;
  const pending = Object.keys(schemas);
  while (pending.length) {
    const name = pending.pop()!;
    const made = generated[name];
    if (made === undefined) continue;
    const own = schemas[name] ?? {};
    schemas[name] = {
      ...made,
      ...own,
      properties: { ...made.properties, ...own.properties },
      required: [...new Set([...(made.required ?? []), ...(own.required ?? [])])],
    };
    for (const [, nested] of JSON.stringify(made).matchAll(/#\/components\/schemas\/(\w+)/g))
      if (nested && !(nested in schemas)) {
        schemas[nested] = {};
        pending.push(nested);
      }
  }
  return { ...document, components: { ...document.components, schemas } };
}

/** Documents every field of a query DTO as a query parameter, from its validation rules. */
export function ApiQueryFrom(dto: new () => unknown): MethodDecorator {
  const schema = targetConstructorToSchema(dto, OPTIONS) as SchemaObject;
  const required = new Set(schema.required ?? []);
  return applyDecorators(
    ...Object.entries(schema.properties ?? {}).map(([name, property]) =>
      ApiQuery({ name, required: required.has(name), schema: property as SchemaObject }),
    ),
  );
}

type Operation = {
  parameters?: { name: string; in: string }[];
  responses?: Record<string, unknown>;
  [key: string]: unknown;
};

const PROBLEM: SchemaObject = {
  type: 'object',
  description: 'RFC 9457 problem details; `code` names a broken rule (docs/errors.md).',
  required: ['type', 'title', 'status'],
  properties: {
    type: {
      type: 'string',
      description: "Where the code is explained: this API's /problems page, anchored at the code",
      example: '/problems#REFERRAL.CLOSED',
    },
    title: { type: 'string', example: 'Business rule broken' },
    status: { type: 'integer', example: 422 },
    detail: { type: 'string' },
    code: { type: 'string', example: 'REFERRAL.CLOSED' },
    errors: {
      type: 'array',
      description: 'Validation failures (400), one per field.',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

const HEADERS = {
  post: [
    {
      name: 'If-Match',
      in: 'header',
      required: false,
      description:
        'The version last seen, `"<version>"` (the ETag): 412 HTTP.STALE_VERSION when the referral moved on.',
      schema: { type: 'string', example: '"3"' },
    },
    {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Any unique string per request: a retry with the same key replays the first answer (`Idempotent-Replayed: true`).',
      schema: { type: 'string', maxLength: 200 },
    },
  ],
  get: [
    {
      name: 'X-Purpose',
      in: 'header',
      required: false,
      description:
        'Why identifiable data is read, written to the access log (printable ASCII, up to 200 characters).',
      schema: { type: 'string', maxLength: 200 },
    },
  ],
} as const;

const writes = (method: string) => method === 'post' || method === 'put';

const ERRORS: Record<string, { description: string; when: (method: string, path: string) => boolean }> = {
  '400': { description: 'Invalid input: `errors` names each field', when: () => true },
  '401': { description: 'No valid bearer token', when: () => true },
  '403': { description: "The caller's role or relation to the referral does not allow it", when: () => true },
  '404': {
    description: 'No such referral, child resource or checkpoint (or the feature is not configured here)',
    when: (method, path) => path.includes('{') || method === 'get',
  },
  '409': { description: 'A concurrent change or an idempotency conflict; retry', when: writes },
  '410': {
    description: "The referral's personal data is erased (REFERRAL.ERASED)",
    when: (m, p) => m === 'post' && p.includes('{id}'),
  },
  '412': { description: 'If-Match names an older version (HTTP.STALE_VERSION)', when: writes },
  '422': {
    description: 'A business rule is broken: `code` says which (docs/errors.md)',
    when: writes,
  },
  '429': { description: 'Rate limited (HTTP.RATE_LIMITED); see Retry-After', when: () => true },
  '503': { description: 'A store is unavailable; see Retry-After', when: () => true },
};

/** The reads that return identifiable data, each written to the access log with its X-Purpose. */
const READS_PERSONAL = /^\/v1\/(referrals|caseloads|audit\/access)/;

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: `${REF}Problem` } } },
});

/**
 * The HTTP contract every operation shares, written into the document: the Problem schema and the
 * error responses each operation can give, the If-Match and Idempotency-Key headers of commands and
 * the X-Purpose header of reads.
 */
export function withHttpContract(document: OpenAPIObject): OpenAPIObject {
  const paths = document.paths as Record<string, Record<string, Operation>>;
  for (const [path, operations] of Object.entries(paths))
    for (const [method, operation] of Object.entries(operations)) describeShared(path, method, operation);
  const schemas = { ...(document.components?.schemas ?? {}), Problem: PROBLEM };
  return { ...document, components: { ...document.components, schemas } };
}

function describeShared(path: string, method: string, operation: Operation): void {
  const headers = writes(method)
    ? HEADERS.post
    : method === 'get' && READS_PERSONAL.test(path)
      ? HEADERS.get
      : [];
  const named = new Set((operation.parameters ?? []).map((p) => p.name));
  operation.parameters = [...(operation.parameters ?? []), ...headers.filter((h) => !named.has(h.name))];
  const responses = { ...operation.responses };
  for (const [status, error] of Object.entries(ERRORS))
    if (error.when(method, path) && responses[status] === undefined)
      responses[status] = problemResponse(error.description);
  operation.responses = responses;
}
