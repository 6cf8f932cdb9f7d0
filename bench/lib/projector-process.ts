import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ROOT } from './child';
import { BENCH_SECRET } from './servers';
import { BENCH_AUDIT_SIGNING_KEY, BENCH_MASTER_KEY } from './stores';

/** The standalone projector (`npm run start:projector`) following the API's DATA_DIR from its own process. */
export class ProjectorProcess {
  private constructor(
    private readonly proc: ChildProcess,
    private readonly dataDir: string,
  ) {}

  static async start(dataDir: string): Promise<ProjectorProcess> {
    const proc = spawn(
      process.execPath,
      ['-r', '@swc-node/register', '-r', 'tsconfig-paths/register', 'apps/referral-projector/src/main.ts'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATA_DIR: dataDir,
          DATA_KEY_MASTER: BENCH_MASTER_KEY,
          AUDIT_SIGNING_KEY: BENCH_AUDIT_SIGNING_KEY,
          AUTH_JWT_SECRET: BENCH_SECRET,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the projector did not start within 60 s: ${output}`)),
        60_000,
      );
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (output.includes('following')) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout?.on('data', onData);
      proc.stderr?.on('data', onData);
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the projector exited with ${code}: ${output}`));
      });
    });
    return new ProjectorProcess(proc, dataDir);
  }

  /** CPU time (user and system) the projector has used so far, in ms, from /proc. */
  cpuMs(): number {
    const fields = readFileSync(`/proc/${this.proc.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks * 10;
  }

  /** Events stored but not yet in the referral summary, read from the two SQLite files. */
  lagEvents(): number {
    const events = new Database(join(this.dataDir, 'events.sqlite'), { readonly: true });
    const models = new Database(join(this.dataDir, 'read-models.sqlite'), { readonly: true });
    try {
      const head =
        (events.prepare('SELECT max(position) AS p FROM events').get() as { p: number | null }).p ?? 0;
      const done =
        (
          models.prepare('SELECT min(position) AS p FROM projection_checkpoints').get() as {
            p: number | null;
          }
        ).p ?? 0;
      return head - done;
    } finally {
      events.close();
      models.close();
    }
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    const exited = new Promise((resolve) => this.proc.once('exit', resolve));
    this.proc.kill('SIGTERM');
    await exited;
  }
}
