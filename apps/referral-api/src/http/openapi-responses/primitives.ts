import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ERASED, UNREADABLE } from '@app/privacy';

/** One success response of an operation: its status, media type, JSON schema and an example that validates. */
export type ResponseSpec = {
  status: number;
  description: string;
  schema: SchemaObject;
  example: unknown;
  /** Default `application/json`. */
  contentType?: string;
};

/** What a personal field reads as once its key is destroyed (`[erased]`), or when it cannot be opened. */
export const SENTINELS: string[] = [ERASED, UNREADABLE];

export const uuid: SchemaObject = { type: 'string', format: 'uuid' };
export const dateTime: SchemaObject = { type: 'string', format: 'date-time' };
export const date: SchemaObject = { type: 'string', format: 'date' };
export const text: SchemaObject = { type: 'string' };
export const integer: SchemaObject = { type: 'integer' };
export const count: SchemaObject = { type: 'integer', minimum: 0 };
export const number: SchemaObject = { type: 'number' };
export const boolean: SchemaObject = { type: 'boolean' };
export const hex64: SchemaObject = { type: 'string', pattern: '^[0-9a-f]{64}$' };

/** The same schema, allowing null too (OpenAPI 3.0 `nullable`). */
export const nullable = (schema: SchemaObject, description?: string): SchemaObject => ({
  ...schema,
  nullable: true,
  ...(description ? { description } : {}),
});

/** A string from a vocabulary. */
export const oneOfValues = (values: readonly string[], description?: string): SchemaObject => ({
  type: 'string',
  enum: [...values],
  ...(description ? { description } : {}),
});

/** A string from a vocabulary, or null (OpenAPI 3.0.3: a nullable enum lists null). */
export const nullableValue = (values: readonly string[], description?: string): SchemaObject => ({
  type: 'string',
  nullable: true,
  enum: [...values, null],
  ...(description ? { description } : {}),
});

export const arrayOf = (items: SchemaObject, description?: string): SchemaObject => ({
  type: 'array',
  items,
  ...(description ? { description } : {}),
});

/** An object whose every property is required; `closed` when no other property can appear. */
export const objectOf = (
  properties: Record<string, SchemaObject>,
  options: { optional?: readonly string[]; closed?: boolean; description?: string } = {},
): SchemaObject => {
  const optional = new Set(options.optional ?? []);
  const required = Object.keys(properties).filter((name) => !optional.has(name));
  return {
    type: 'object',
    ...(options.description ? { description: options.description } : {}),
    ...(required.length ? { required } : {}),
    properties,
    ...(options.closed ? { additionalProperties: false } : {}),
  };
};

/** A personal value that may read as `[erased]` (key destroyed) or `[unreadable]` instead of its format. */
export const personal = (schema: SchemaObject, description: string): SchemaObject => ({
  type: 'string',
  description,
  anyOf: [
    { ...schema, type: 'string' },
    { type: 'string', enum: SENTINELS },
  ],
});

/** A JSON answer. */
export const json = (
  status: number,
  description: string,
  schema: SchemaObject,
  example: unknown,
): ResponseSpec => ({
  status,
  description,
  schema,
  example,
});

/** A text answer (CSV, Prometheus, HTML): the body is a string. */
export const textBody = (
  status: number,
  description: string,
  contentType: string,
  example: string,
): ResponseSpec => ({
  status,
  description,
  schema: { type: 'string' },
  example,
  contentType,
});
