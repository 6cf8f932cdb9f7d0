export type FieldError = { field: string; message: string };

/** An error the edge answers as `application/problem+json` with this status. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extras: { code?: string; errors?: FieldError[] } = {},
  ) {
    super(detail);
    this.name = 'Problem';
  }
}

export const Problems = {
  badRequest: (detail: string, errors?: FieldError[]) => new Problem(400, 'Bad request', detail, { errors }),
  unauthorized: (detail: string) => new Problem(401, 'Unauthorized', detail),
  forbidden: (detail: string, code?: string) => new Problem(403, 'Forbidden', detail, code ? { code } : {}),
  notFound: (detail: string) => new Problem(404, 'Not found', detail),
  conflict: (detail: string, code?: string) => new Problem(409, 'Conflict', detail, { code }),
  preconditionFailed: (detail: string) =>
    new Problem(412, 'Precondition failed', detail, { code: 'HTTP.STALE_VERSION' }),
  unsupportedMediaType: (detail: string) => new Problem(415, 'Unsupported media type', detail),
  tooManyRequests: (detail: string) =>
    new Problem(429, 'Too many requests', detail, { code: 'HTTP.RATE_LIMITED' }),
  unavailable: (detail: string) => new Problem(503, 'Service unavailable', detail),
};
