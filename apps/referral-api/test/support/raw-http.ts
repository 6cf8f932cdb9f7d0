import { Agent, IncomingHttpHeaders, request } from 'node:http';

export type RawRequest = { method: string; path: string; headers: Record<string, string>; body?: Buffer };
export type RawResponse = { status: number; headers: IncomingHttpHeaders; text: string };

/**
 * Sends exactly the given method, path, headers and bytes (no default Content-Type, no encoding of
 * the path), as fuzzing needs; keep-alive so thousands of requests stay cheap.
 */
export class RawHttp {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 4 });

  constructor(private readonly port: number) {}

  send(req: RawRequest): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers, ...(req.body ? { 'Content-Length': String(req.body.length) } : {}) };
      const outgoing = request(
        {
          host: '127.0.0.1',
          port: this.port,
          method: req.method,
          path: req.path,
          headers,
          agent: this.agent,
          timeout: 20_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`${req.method} ${req.path} timed out`)));
      outgoing.on('error', reject);
      outgoing.end(req.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
