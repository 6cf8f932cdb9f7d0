import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerProfileRequests, exitStats, stopRequested, toParent } from '../lib/child';

/**
 * The baseline: a bare node:http server that reads each request body and answers JSON of the same size
 * the API answers. Arguments: bytes for POST responses, for GET .../history, and for other GETs.
 */
async function main(): Promise<void> {
  const [post, history, get] = process.argv.slice(2).map(Number);
  const bodies = {
    post: jsonOfSize(post ?? 60),
    history: jsonOfSize(history ?? 60),
    get: jsonOfSize(get ?? 60),
  };
  const server = createServer((req, res) => {
    req.on('data', () => undefined);
    req.on('end', () => {
      const body =
        req.method === 'POST' ? bodies.post : req.url?.endsWith('/history') ? bodies.history : bodies.get;
      res.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': body.length,
        ETag: '"1"',
      });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  answerProfileRequests();
  await toParent({ type: 'ready', port: (server.address() as AddressInfo).port });
  await stopRequested();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await toParent(exitStats());
  process.exit(0);
}

function jsonOfSize(bytes: number): Buffer {
  const frame = '{"pad":""}';
  return Buffer.from(`{"pad":"${'x'.repeat(Math.max(0, bytes - frame.length))}"}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bare-server child failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
