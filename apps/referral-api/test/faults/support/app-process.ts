import { ChildProcess, spawn } from 'node:child_process';
import { signToken } from '../../../src/auth/jwt-auth.guard';
import type { Role } from '@app/application';

export const FAULT_SECRET = 'fault-suite-secret-that-is-long-enough-for-hs256-0123456789';

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type AppProcessOptions = {
  /** The compiled main.js (see compileApp). */
  main: string;
  dataDir: string;
  port: number;
  /** Extra settings, e.g. EVENT_STORE=postgres and DATABASE_URL for the PostgreSQL scenarios. */
  env?: Record<string, string>;
};

/**
 * The referral API as its own process on 127.0.0.1, started, killed and restarted on the same port and
 * data folder. Only the settings given here reach it, never the test runner's environment (which may
 * point at brokers or databases of other suites).
 */
export class AppProcess {
  readonly baseUrl: string;
  private child?: ChildProcess;
  private exited?: Promise<Exit>;
  private readonly output: string[] = [];
  starts = 0;

  constructor(private readonly options: AppProcessOptions) {
    this.baseUrl = `http://127.0.0.1:${options.port}`;
  }

  token(role: Role, sub: string): string {
    return signToken(FAULT_SECRET, sub, [role], 12 * 3600);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Spawns the app and resolves once /health/ready answers 200. */
  async start(timeoutMs = 60_000): Promise<void> {
    const child = spawn(process.execPath, [this.options.main], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(this.options.port),
        DATA_DIR: this.options.dataDir,
        AUTH_JWT_SECRET: FAULT_SECRET,
        LOG_LEVEL: 'warn',
        // The scenarios' referrals and events sit at fixed dates in 2026.
        BACKDATE_WINDOW_DAYS: 'unlimited',
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString().split('\n').filter(Boolean));
      this.output.splice(0, Math.max(0, this.output.length - 200));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`The app exited during start-up:\n${this.recentOutput()}`);
      if ((await this.probe('/health/ready')) === 200) return;
      if (Date.now() > deadline)
        throw new Error(`The app was not ready within ${timeoutMs} ms:\n${this.recentOutput()}`);
      await sleep(25);
    }
  }

  /** Sends a signal and resolves when the process has exited. */
  async kill(signal: NodeJS.Signals): Promise<Exit> {
    const { child, exited } = this;
    if (!child || !exited) throw new Error('The app is not running');
    child.kill(signal);
    return exited;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Status of a GET, or 0 when nothing answers. */
  async probe(path: string): Promise<number> {
    try {
      const res = await fetch(this.baseUrl + path, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0;
    }
  }

  recentOutput(): string {
    return this.output.slice(-40).join('\n');
  }

  /** Kills whatever is still running (test clean-up). */
  async stop(): Promise<void> {
    if (this.running) await this.kill('SIGKILL');
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The promise's value, or undefined if it takes longer than `ms` (the timer never outlives it). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
