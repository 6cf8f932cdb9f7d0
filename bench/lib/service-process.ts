import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ROOT } from './child';
import { BENCH_SECRET } from './servers';
import { BENCH_AUDIT_SIGNING_KEY, BENCH_MASTER_KEY } from './stores';

/** One of the project's own processes (`apps/<name>/src/main.ts`), run from source on the bench's keys. */
export class ServiceProcess {
  private constructor(
    private readonly proc: ChildProcess,
    /** When the process was spawned, in ms of `performance.now()`. */
    readonly spawnedAt: number,
  ) {}

  /**
   * Starts `apps/<app>/src/main.ts` on `dataDir` with `env` over the bench's production settings,
   * and resolves once its output says `ready`. `nodeFlags` go before the script (e.g. --cpu-prof).
   */
  static async start(
    app: string,
    dataDir: string,
    ready: string,
    env: Record<string, string> = {},
    nodeFlags: string[] = [],
  ): Promise<ServiceProcess> {
    const spawnedAt = performance.now();
    const proc = spawn(
      process.execPath,
      [...nodeFlags, '-r', '@swc-node/register', '-r', 'tsconfig-paths/register', `apps/${app}/src/main.ts`],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATA_DIR: dataDir,
          DATA_KEY_MASTER: BENCH_MASTER_KEY,
          AUDIT_SIGNING_KEY: BENCH_AUDIT_SIGNING_KEY,
          AUTH_JWT_SECRET: BENCH_SECRET,
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${app} did not start within 60 s: ${output}`)),
        60_000,
      );
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (output.includes(ready)) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout?.on('data', onData);
      proc.stderr?.on('data', onData);
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${app} exited with ${code}: ${output}`));
      });
    });
    return new ServiceProcess(proc, spawnedAt);
  }

  /** CPU time (user and system) the process has used so far, in ms, from /proc. */
  cpuMs(): number {
    const fields = readFileSync(`/proc/${this.proc.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks * 10;
  }

  /** SIGTERM, then waits for it to exit (a CPU profile asked for with --cpu-prof is written then). */
  async stop(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    const exited = new Promise((resolve) => this.proc.once('exit', resolve));
    this.proc.kill('SIGTERM');
    await exited;
  }
}
