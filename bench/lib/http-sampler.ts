import { Agent, request } from 'node:http';
import type { OutgoingHttpHeaders } from 'node:http';

export type HttpReply = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
};

/** One keep-alive connection to 127.0.0.1:port, for requests one at a time. */
export class SequentialClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly port: number) {}

  send(method: string, path: string, headers: OutgoingHttpHeaders = {}, body?: string): Promise<HttpReply> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString(),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Latency in ms of `samples` GETs of `path` after `warmup` unmeasured ones; fails on any non-200. */
  async latencies(
    path: string,
    headers: OutgoingHttpHeaders,
    warmup: number,
    samples: number,
  ): Promise<{ ms: number[]; bytes: number }> {
    const ms: number[] = [];
    let bytes = 0;
    for (let i = 0; i < warmup + samples; i++) {
      const start = process.hrtime.bigint();
      const reply = await this.send('GET', path, headers);
      const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      if (reply.status !== 200)
        throw new Error(`GET ${path} answered ${reply.status}: ${reply.body.slice(0, 300)}`);
      if (i >= warmup) ms.push(elapsed);
      bytes = Buffer.byteLength(reply.body);
    }
    return { ms, bytes };
  }

  close(): void {
    this.agent.destroy();
  }
}
