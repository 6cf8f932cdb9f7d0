import { signToken } from '../../apps/referral-api/src/auth/jwt-auth.guard';
import type { Role } from '@app/application';
import { BenchChild } from './child';
import type { ExitStats } from './child';

export const BENCH_SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789';

export type Server = {
  port: number;
  /** CPU-profiles the server while `during` runs and saves the profile to `file`. */
  profile: (file: string, during: () => Promise<unknown>) => Promise<string>;
  /** CPU time (user and system) the server process has used so far, in ms. */
  cpuMs: () => Promise<number>;
  stop: () => Promise<ExitStats | undefined>;
};

async function start(script: string, args: string[]): Promise<Server> {
  const child = new BenchChild(script, args);
  try {
    const { port } = await child.next<{ type: 'ready'; port: number }>('ready', 120_000);
    const profile = async (file: string, during: () => Promise<unknown>): Promise<string> => {
      child.send({ type: 'profile-start' });
      await child.next('profile-started', 10_000);
      try {
        await during();
      } finally {
        child.send({ type: 'profile-stop', file });
        await child.next('profile-saved', 60_000);
      }
      return file;
    };
    const cpuMs = async (): Promise<number> => {
      child.send({ type: 'cpu' });
      return (await child.next<{ type: 'cpu'; ms: number }>('cpu', 10_000)).ms;
    };
    return { port, profile, cpuMs, stop: () => child.stop<ExitStats>() };
  } catch (error) {
    child.kill();
    throw error;
  }
}

/** The real API in its own process (production config, logs at info to /dev/null) on `dataDir`; `settings` are extra environment settings. */
export function startApi(dataDir: string, settings: Record<string, string> = {}): Promise<Server> {
  return start('bench/children/api-server.child.ts', [dataDir, BENCH_SECRET, JSON.stringify(settings)]);
}

/** The bare node:http baseline, answering POSTs, history GETs and other GETs with bodies of these sizes. */
export function startBare(bytes: { post: number; history: number; get: number }): Promise<Server> {
  return start('bench/children/bare-server.child.ts', [bytes.post, bytes.history, bytes.get].map(String));
}

export function bearer(role: Role, sub: string): string {
  return `Bearer ${signToken(BENCH_SECRET, sub, [role], 12 * 3600)}`;
}
