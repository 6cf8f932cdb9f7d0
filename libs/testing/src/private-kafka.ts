import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..', '..');
const script = join(ROOT, 'infra', 'kafka', 'kafka.sh');

/**
 * A Kafka broker of a suite's own (infra/kafka/kafka.sh with its own ports and run folder), so stopping
 * it never disturbs the developer's or CI's broker that other tests share. Jars are fetched from Maven
 * Central on first use.
 */
export class PrivateKafka {
  readonly brokers: string;

  constructor(
    readonly port = 29092,
    private readonly controllerPort = 29093,
    runFolder = '.run-faults',
    private readonly runDir = join(ROOT, 'infra', 'kafka', runFolder),
  ) {
    this.brokers = `127.0.0.1:${port}`;
  }

  /** Starts the broker on fresh storage (topics of an earlier run would only slow its start-up). */
  async startFresh(): Promise<void> {
    await this.run('reset');
    await this.run('start');
  }

  start(): Promise<void> {
    return this.run('start');
  }

  stop(): Promise<void> {
    return this.run('stop');
  }

  /** Stops the broker and deletes its data. */
  remove(): Promise<void> {
    return this.run('reset');
  }

  private async run(command: 'start' | 'stop' | 'reset'): Promise<void> {
    await promisify(execFile)('bash', [script, command], {
      timeout: 180_000,
      env: {
        ...process.env,
        KAFKA_PORT: String(this.port),
        KAFKA_CONTROLLER_PORT: String(this.controllerPort),
        KAFKA_RUN_DIR: this.runDir,
      },
    });
  }
}
