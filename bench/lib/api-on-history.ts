import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SequentialClient } from './http-sampler';
import type { Server } from './servers';

const CATCH_UP_MS = 900_000;

/** Waits until the API's own projections have applied the whole log (they build the read models on first start). */
export async function caughtUp(api: Server): Promise<number> {
  const client = new SequentialClient(api.port);
  const started = Date.now();
  try {
    for (;;) {
      const reply = await client.send('GET', '/health');
      const projections = (
        JSON.parse(reply.body) as { projections?: { eventsBehind: number; state: string }[] }
      ).projections;
      if (projections?.length && projections.every((p) => p.eventsBehind === 0)) return Date.now() - started;
      if (projections?.some((p) => p.state === 'failed'))
        throw new Error(`a projection failed: ${reply.body.slice(0, 500)}`);
      if (Date.now() - started > CATCH_UP_MS)
        throw new Error(`projections still behind: ${reply.body.slice(0, 500)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    client.close();
  }
}

/** A copy of the cached history (events and data keys): the API appends its access log to the copy. */
export function copyHistory(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const file of ['events.sqlite', 'data-keys.sqlite']) copyFileSync(join(from, file), join(to, file));
}
