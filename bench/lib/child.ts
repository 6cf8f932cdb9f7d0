import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { InProcessProfiler } from './cpu-profile';

export const ROOT = join(__dirname, '..', '..');

/** A message a bench child sends its parent: `type` says what it is. */
export type ChildMessage = { type: string; [field: string]: unknown };

export type ChildOptions = {
  env?: Record<string, string>;
  /** Extra V8/Node flags, e.g. `--max-old-space-size`. */
  nodeFlags?: string[];
};

/** A TypeScript child process run like the repo's scripts (swc-node, tsconfig paths), talking over IPC. */
export class BenchChild {
  private readonly queue: ChildMessage[] = [];
  private readonly waiting: Array<() => void> = [];
  private stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly proc: ChildProcess;

  constructor(script: string, args: string[] = [], options: ChildOptions = {}) {
    this.proc = fork(join(ROOT, script), args, {
      cwd: ROOT,
      execArgv: ['-r', '@swc-node/register', '-r', 'tsconfig-paths/register', ...(options.nodeFlags ?? [])],
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.proc.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    this.proc.on('message', (message) => {
      this.queue.push(message as ChildMessage);
      this.wake();
    });
    this.exited = new Promise((resolve) => {
      this.proc.on('exit', (code, signal) => {
        resolve({ code, signal });
        this.wake();
      });
    });
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  send(message: ChildMessage): void {
    this.proc.send(message);
  }

  /** The next message of `type`; rejects if the child exits first or `timeoutMs` passes. */
  async next<T extends ChildMessage>(type: string, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.queue.findIndex((m) => m.type === type);
      if (index >= 0) return this.queue.splice(index, 1)[0] as T;
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) {
        throw new Error(
          `child ${this.describe()} exited before sending "${type}": ${this.stderr.trim() || 'no output'}`,
        );
      }
      if (Date.now() > deadline)
        throw new Error(`child ${this.describe()} sent no "${type}" within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Asks the child to stop (`{ type: 'stop' }`), waits for its exit stats, and kills it if it does not exit. */
  async stop<T extends ChildMessage>(timeoutMs = 15_000): Promise<T | undefined> {
    if (this.proc.exitCode === null && this.proc.connected) this.send({ type: 'stop' });
    const stats = await this.next<T>('exit-stats', timeoutMs).catch(() => undefined);
    const exited = await Promise.race([this.exited, new Promise((r) => setTimeout(r, timeoutMs, 'timeout'))]);
    if (exited === 'timeout') this.proc.kill('SIGKILL');
    return stats;
  }

  kill(): void {
    if (this.proc.exitCode === null) this.proc.kill('SIGKILL');
  }

  private describe(): string {
    return `${this.proc.spawnfile} ${this.proc.spawnargs.slice(-3).join(' ')}`;
  }

  private wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

/** Sent by every bench child just before it exits: its peak memory and CPU time. */
export type ExitStats = { type: 'exit-stats'; maxRssMb: number; userCpuMs: number; systemCpuMs: number };

/** For children: the exit stats of this process. */
export function exitStats(): ExitStats {
  const usage = process.resourceUsage();
  return {
    type: 'exit-stats',
    maxRssMb: usage.maxRSS / 1024,
    userCpuMs: usage.userCPUTime / 1000,
    systemCpuMs: usage.systemCPUTime / 1000,
  };
}

/** For children: sends a message to the parent and resolves once it is written. */
export function toParent(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) return reject(new Error('not started by the bench (no IPC channel)'));
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

/** For children: resolves when the parent sends `{ type: 'stop' }` or goes away. */
export function stopRequested(): Promise<void> {
  return new Promise((resolve) => {
    process.on('message', (m: ChildMessage) => m.type === 'stop' && resolve());
    process.on('disconnect', () => resolve());
  });
}

/**
 * For server children: `{ type: 'profile-start' }` starts the CPU profiler, `{ type: 'profile-stop', file }`
 * writes the profile and answers `{ type: 'profile-saved', file }`, so start-up stays out of the profile;
 * `{ type: 'cpu' }` answers `{ type: 'cpu', ms }`, the CPU time the process has used so far.
 */
export function answerProfileRequests(): void {
  const profiler = new InProcessProfiler();
  process.on('message', (m: ChildMessage) => {
    if (m.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      void toParent({ type: 'cpu', ms: (user + system) / 1000 });
    }
    if (m.type === 'profile-start') void profiler.start().then(() => toParent({ type: 'profile-started' }));
    if (m.type === 'profile-stop')
      void profiler.stop(String(m.file)).then((file) => toParent({ type: 'profile-saved', file }));
  });
}
