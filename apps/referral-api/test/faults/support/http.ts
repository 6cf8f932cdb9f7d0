/** What a client learned from one request: an answer, or nothing (connection refused, reset or timed out). */
export type Answer =
  | {
      kind: 'answer';
      status: number;
      headers: Headers;
      body: Record<string, unknown> | undefined;
      at: number;
    }
  | { kind: 'no_answer'; error: string; at: number };

export type Call = {
  method: 'GET' | 'POST';
  path: string;
  token: string;
  body?: unknown;
  headers?: Record<string, string>;
};

/** One request with fetch (keep-alive, never retried by the client library), bounded in time. */
export async function call(baseUrl: string, req: Call, timeoutMs = 15_000): Promise<Answer> {
  try {
    const res = await fetch(baseUrl + req.path, {
      method: req.method,
      headers: {
        Authorization: `Bearer ${req.token}`,
        ...(req.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...req.headers,
      },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    const json =
      res.headers.get('content-type')?.includes('json') && text
        ? (JSON.parse(text) as Record<string, unknown>)
        : undefined;
    return { kind: 'answer', status: res.status, headers: res.headers, body: json, at: Date.now() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return {
      kind: 'no_answer',
      error: cause?.code ?? cause?.message ?? (error as Error).message,
      at: Date.now(),
    };
  }
}
