import { ChildProcess, spawn } from 'node:child_process';
import { sleep } from '../../faults/support/app-process';

/**
 * A process of the cluster without an HTTP port of its own (projector, relay, gateway): spawned with
 * only the settings given, its output kept for failure messages, started once a line of its output
 * says so, and killed like a crashed machine.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private readonly output: string[] = [];

  constructor(
    readonly name: string,
    private readonly main: string,
    private readonly env: Record<string, string>,
  ) {}

  /** Spawns it and resolves once its output contains `ready`. */
  async start(ready: RegExp, timeoutMs = 60_000): Promise<void> {
    const child = spawn(process.execPath, [this.main], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString().split('\n').filter(Boolean));
      this.output.splice(0, Math.max(0, this.output.length - 200));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + timeoutMs;
    while (!this.output.some((line) => ready.test(line))) {
      if (!this.running) throw new Error(`${this.name} exited during start-up:\n${this.recentOutput()}`);
      if (Date.now() > deadline)
        throw new Error(`${this.name} did not start within ${timeoutMs} ms:\n${this.recentOutput()}`);
      await sleep(25);
    }
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends a signal and resolves once the process has gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await gone;
  }

  recentOutput(): string {
    return this.output.slice(-40).join('\n');
  }
}
