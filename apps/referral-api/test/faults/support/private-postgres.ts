import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { queryDatabase } from '@app/testing';
import { freePort } from './free-port';

const exec = promisify(execFile);

/** The newest PostgreSQL server binaries on the machine (Debian layout), or undefined. */
function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

/**
 * A PostgreSQL cluster of the fault suite's own: initdb into a temporary folder, a free port on
 * 127.0.0.1, trust authentication. Stopping it disturbs no one else's databases. As root (CI), the
 * server runs as the postgres user, since PostgreSQL refuses to run as root.
 */
export class PrivatePostgres {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
    private readonly asUser: string | undefined,
  ) {}

  static available(): boolean {
    return binDir() !== undefined;
  }

  static async create(): Promise<PrivatePostgres> {
    const bin = binDir();
    if (!bin) throw new Error('No PostgreSQL server binaries under /usr/lib/postgresql');
    const dir = mkdtempSync(join(tmpdir(), 'fault-postgres-'));
    const asUser = process.getuid?.() === 0 ? 'postgres' : undefined;
    if (asUser) {
      const [uid, gid] = await Promise.all(
        ['-u', '-g'].map(async (flag) => Number((await exec('id', [flag, asUser])).stdout.trim())),
      );
      chownSync(dir, uid!, gid!);
    }
    const pg = new PrivatePostgres(bin, dir, await freePort(), asUser);
    await pg.run('initdb', [
      '-D',
      pg.data,
      '--auth=trust',
      '--username=postgres',
      '--encoding=UTF8',
      '--no-sync',
    ]);
    return pg;
  }

  private get data(): string {
    return join(this.dir, 'data');
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c max_connections=60`;
    await this.run('pg_ctl', [
      '-D',
      this.data,
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      options,
      'start',
    ]);
  }

  /** `fast` disconnects clients and shuts down cleanly; `immediate` is a crash (recovery from the WAL on start). */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.run('pg_ctl', ['-D', this.data, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  async createDatabase(name: string): Promise<string> {
    await queryDatabase(this.url(), `CREATE DATABASE "${name}"`);
    return this.url(name);
  }

  /** Stops the server if it runs and deletes the cluster. */
  async remove(): Promise<void> {
    await this.stop('immediate').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async run(tool: string, args: string[]): Promise<void> {
    const command = join(this.bin, tool);
    const [file, argv] = this.asUser
      ? ['runuser', ['-u', this.asUser, '--', command, ...args]]
      : [command, args];
    await exec(file, argv, { timeout: 120_000, cwd: this.dir });
  }
}
