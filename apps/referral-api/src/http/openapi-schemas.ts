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
