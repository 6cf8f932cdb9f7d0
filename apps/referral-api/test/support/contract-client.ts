import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';
import type { Api } from './api-harness';
import type { paths } from './openapi.generated';

type Method = 'get' | 'post' | 'put';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type JsonBody<O> = O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type PathParams<O> = O extends { parameters: { path: infer X } } ? X : never;
type QueryParams<O> = O extends { parameters: { query?: infer X } } ? X : never;

/** What a typed call may carry: the operation's path parameters, query and body, as the document types them. */
export type CallOptions<P extends keyof paths, M extends Method> = {
  params?: PathParams<Operation<P, M>>;
  query?: QueryParams<Operation<P, M>>;
  body?: JsonBody<Operation<P, M>> | Record<string, unknown>;
  raw?: string;
  headers?: Record<string, string>;
};

type Document = {
  paths: Record<
    string,
    Record<string, { operationId: string; responses: Record<string, { content?: Record<string, unknown> }> }>
  >;
};

/** A response checked against the document: which operation answered and whether its body fits the schema. */
export type Checked = { operationId: string; status: number; contentType: string; errors: string[] };

/**
 * An HTTP client of the API typed by the TypeScript types generated from docs/openapi.json (so a test
 * that sends what the document does not describe fails to compile), which checks every response against
 * the document's schema for its status and media type (so the document cannot drift from the code).
 */
export class ContractClient {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  readonly checked: Checked[] = [];

  constructor(
    private readonly api: Api,
    private readonly document: Document,
  ) {
    addFormats(this.ajv);
    this.ajv.addSchema(document, 'openapi');
  }

  async call<P extends keyof paths, M extends Method & keyof paths[P]>(
    method: M,
    path: P,
    auth: Record<string, string>,
    options: CallOptions<P, M> = {},
  ): Promise<Response> {
    const url = String(path).replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(String((options.params as Record<string, unknown> | undefined)?.[name])),
    );
    const query = new URLSearchParams(
      Object.entries((options.query ?? {}) as Record<string, unknown>).map(([k, v]): [string, string] => [
        k,
        String(v),
      ]),
    ).toString();
    const target = query ? `${url}?${query}` : url;
    let request = this.api.http()[method](target);
    request = request.set(auth).set(options.headers ?? {});
    const res = await (options.raw !== undefined
      ? request.send(options.raw)
      : options.body !== undefined
        ? request.send(options.body as object)
        : request);
    this.check(method, String(path), res);
    return res;
  }

  /** The operations of the document no call has exercised yet. */
  unexercised(): string[] {
    const seen = new Set(this.checked.map((c) => c.operationId));
    return Object.values(this.document.paths)
      .flatMap((ops) => Object.values(ops).map((o) => o.operationId))
      .filter((id) => !seen.has(id));
  }

  private check(method: string, path: string, res: Response): void {
    const operation = this.document.paths[path]?.[method];
    if (!operation) throw new Error(`${method.toUpperCase()} ${path} is not in the document`);
    const contentType = String(res.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim();
    const errors = this.errorsOf(method, path, operation.responses, res, contentType);
    this.checked.push({ operationId: operation.operationId, status: res.status, contentType, errors });
  }

  /** Why a response does not fit the document: an undocumented status or media type, or a body off its schema. */
  private errorsOf(
    method: string,
    path: string,
    responses: Document['paths'][string][string]['responses'],
    res: Response,
    contentType: string,
  ): string[] {
    const status = String(res.status);
    const response = responses[status];
    if (!response) return [`status ${status} is not documented`];
    if (!response.content?.[contentType])
      return [`${contentType || 'no content type'} is not documented for ${status}`];
    const pointer = `openapi#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses/${status}/content/${contentType.replace(/\//g, '~1')}/schema`;
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: pointer });
      this.validators.set(pointer, validate);
    }
    const body: unknown = contentType.includes('json') ? res.body : res.text;
    return validate(body)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
  }
}
