import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ServiceProcess } from './service-process';

/** The standalone projector (`npm run start:projector`) following the API's DATA_DIR from its own process. */
export class ProjectorProcess {
  private constructor(
    private readonly service: ServiceProcess,
    private readonly dataDir: string,
  ) {}

  static async start(dataDir: string): Promise<ProjectorProcess> {
    return new ProjectorProcess(
      await ServiceProcess.start('referral-projector', dataDir, 'following'),
      dataDir,
    );
  }

  /** CPU time (user and system) the projector has used so far, in ms, from /proc. */
  cpuMs(): number {
    return this.service.cpuMs();
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

  stop(): Promise<void> {
    return this.service.stop();
  }
}
