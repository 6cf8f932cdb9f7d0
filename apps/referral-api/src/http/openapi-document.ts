import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { OPS_TOKEN_SCHEME } from '../auth/auth.decorators';
import { RESPONSES } from './openapi-responses';
import { PROBLEMS_PATH, problemCodes } from './problem-types';
import { withHttpContract, withValidationSchemas } from './openapi-schemas';

type Operation = {
  security?: Record<string, string[]>[];
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  [key: string]: unknown;
};

const OPERATION_OUTCOME: SchemaObject = {
  type: 'object',
  description: 'FHIR R4 OperationOutcome: one issue per element at fault (docs/fhir.md).',
  required: ['resourceType', 'issue'],
  properties: {
    resourceType: { type: 'string', enum: ['OperationOutcome'] },
    issue: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['severity', 'code'],
        properties: {
          severity: { type: 'string', enum: ['fatal', 'error', 'warning', 'information'] },
          code: { type: 'string', description: 'http://hl7.org/fhir/issue-type' },
          details: {
            type: 'object',
            properties: {
              coding: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { system: { type: 'string' }, code: { type: 'string' } },
                },
              },
              text: { type: 'string' },
            },
          },
          diagnostics: { type: 'string' },
          expression: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
};

/** The Problem's `code`: one of the codes of the error catalogue, each explained at /problems#<code>. */
function describeCodes(document: OpenAPIObject): void {
  const problem = document.components?.schemas?.Problem as SchemaObject | undefined;
  const codes = problemCodes();
  if (!problem?.properties || codes.length === 0) return;
  problem.properties = {
    ...problem.properties,
    code: {
      type: 'string',
      enum: codes,
      description: `A broken rule or refusal a caller can act on; each is explained at ${PROBLEMS_PATH}#<code> (docs/errors.md).`,
      example: 'REFERRAL.CLOSED',
    },
  };
}

/** A `$ref` stands alone in OpenAPI 3.0: siblings (a generated `type`) are dropped. */
function refsAlone(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(refsAlone);
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  if (typeof record.$ref === 'string')
    for (const key of Object.keys(record)) if (key !== '$ref' && key !== 'description') delete record[key];
  if (typeof record.$ref === 'string' && 'description' in record) {
    // OpenAPI 3.0 cannot describe a $ref: keep the description by wrapping it.
    const { $ref, description } = record as { $ref: string; description: string };
    delete record.$ref;
    Object.assign(record, { allOf: [{ $ref }], description });
  }
  Object.values(record).forEach(refsAlone);
}

/** Each operation's success responses, by its operationId: their statuses, media types, schemas and examples. */
function withResponses(document: OpenAPIObject): void {
  for (const operations of Object.values(document.paths as Record<string, Record<string, Operation>>))
    for (const operation of Object.values(operations)) {
      const specs = RESPONSES[String(operation.operationId)];
      if (!specs) continue;
      const responses: Record<string, unknown> = Object.fromEntries(
        Object.entries(operation.responses ?? {}).filter(([status]) => !status.startsWith('2')),
      );
      for (const spec of specs) {
        const status = String(spec.status);
        const existing = (responses[status] ?? { description: spec.description, content: {} }) as {
          description: string;
          content: Record<string, unknown>;
        };
        existing.content[spec.contentType ?? 'application/json'] = {
          schema: spec.schema,
          example: spec.example,
        };
        responses[status] = existing;
      }
      operation.responses = responses as Operation['responses'];
    }
}

/** FHIR routes answer errors as OperationOutcome; public routes need no token. */
function fhirAndPublic(document: OpenAPIObject): void {
  for (const [path, operations] of Object.entries(
    document.paths as Record<string, Record<string, Operation>>,
  ))
    for (const operation of Object.values(operations)) {
      if (operation['x-public']) operation.security = [];
      if (!path.startsWith('/fhir/')) continue;
      for (const [status, response] of Object.entries(operation.responses ?? {}))
        if (status >= '400' && response.content?.['application/problem+json'])
          response.content = {
            'application/fhir+json': { schema: { $ref: '#/components/schemas/OperationOutcome' } },
          };
    }
}

/**
 * The OpenAPI document of the API: the routes and their roles, request schemas from the validation
 * rules, the shared HTTP contract (errors, headers), response schemas, and security schemes. It is what
 * `/docs-json` serves and `npm run openapi` writes to docs/openapi.json.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const base = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('CYP social prescribing referrals')
      .setDescription(
        'Event-sourced referral pathways for children and young people aged 5-19. Errors are ' +
          'application/problem+json (FHIR routes: OperationOutcome); every `code` is in docs/errors.md. ' +
          'Each operation names the roles that may call it (`x-roles`).',
      )
      .setVersion('1')
      .setLicense(
        'Proprietary: NHS commissioned service',
        'https://cyp-social-prescribing.nhs.example/licence',
      )
      .addServer('/', 'This deployment')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'A JWT from the identity provider (or `npm run token` locally) with `sub` and `roles`.',
      })
      .addSecurity(OPS_TOKEN_SCHEME, {
        type: 'http',
        scheme: 'bearer',
        description: "The operators' OPS_TOKEN; without OPS_TOKEN set these routes are open.",
      })
      .build(),
  );
  const document = withHttpContract(withValidationSchemas(base));
  withResponses(document);
  fhirAndPublic(document);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, OperationOutcome: OPERATION_OUTCOME },
  };
  describeCodes(document);
  refsAlone(document);
  return document;
}
