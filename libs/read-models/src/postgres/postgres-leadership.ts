import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import type { Lease, Leadership } from '../runner/leadership';
import { readModelClientConfig } from './postgres-read-models';
import type { PostgresReadModelsOptions } from './postgres-read-models';

export const PROJECTION_LOCK_CLASS = 0x50_52_4f_4a; // 'PROJ'

export type PostgresLeadershipOptions = PostgresReadModelsOptions & {
  /** How often a standby asks for the lock, and the leader checks its connection. Default 2000. */
  checkIntervalMs?: number;
};

/**
 * One active instance per projection, by a session-level PostgreSQL advisory lock held on a
 * connection of its own. The server releases the lock the moment that session ends (crash,
 * restart, network loss), so a standby takes over within one check interval; the old leader
 * sees its lease `lost` and stops. The runner's checkpoint guard fences any write in flight.
 */
export class PostgresLeadership implements Leadership {
  private readonly intervalMs: number;

  constructor(private readonly options: PostgresLeadershipOptions) {
    this.intervalMs = options.checkIntervalMs ?? 2000;
  }

  async acquire(name: string, signal: AbortSignal): Promise<Lease | null> {
    while (!signal.aborted) {
      const lease = await this.tryAcquire(name).catch(() => null);
      if (lease) return lease;
      await sleep(this.intervalMs, undefined, { signal }).catch(() => undefined);
    }
    return null;
  }

  private async tryAcquire(name: string): Promise<Lease | null> {
    const client = new Client(readModelClientConfig(this.options, `cyp-projection-lock:${name}`));
    const lost = new AbortController();
    client.on('error', () => lost.abort());
    client.on('end', () => lost.abort());
    await client.connect();
    const key = [PROJECTION_LOCK_CLASS, `${this.options.schema ?? 'public'}:${name}`];
    const { rows } = await client
      .query<{ held: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS held', key)
      .catch(async (error: unknown) => {
        await client.end().catch(() => undefined);
        throw error;
      });
    if (!rows[0]?.held) {
      await client.end().catch(() => undefined);
      return null;
    }
    const heartbeat = setInterval(() => {
      client.query('SELECT 1').catch(() => lost.abort());
    }, this.intervalMs);
    lost.signal.addEventListener('abort', () => clearInterval(heartbeat), { once: true });
    return {
      lost: lost.signal,
      release: async () => {
        clearInterval(heartbeat);
        // Ending the session releases the lock; unlocking first just makes it prompt.
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', key).catch(() => undefined);
        await client.end().catch(() => undefined);
      },
    };
  }
}
