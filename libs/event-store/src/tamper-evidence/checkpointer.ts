import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { EventStore } from '../event-store.port';
import { checkpointSignedBy, headOf, signCheckpoint } from './checkpoint';
import type { Checkpoint, CheckpointHead } from './checkpoint';
import { EventLog } from './event-log';
import { ProofUnavailableError, consistencyProofOf, inclusionProofOf } from './proofs';
import type { ConsistencyProof, InclusionProof } from './proofs';

/** A checkpoint as kept in the directory: the signed head, with its stream list while it is recent. */
export type StoredCheckpoint = CheckpointHead & { streams?: Checkpoint['streams'] };

export type CheckpointerOptions = {
  /** Where each signed checkpoint is written as a file of its own, for auditors to copy. */
  dir: string;
  /** Sign once this many events are past the last checkpoint; 0: not by count. */
  everyEvents: number;
  /** Sign once this long has passed since the last checkpoint and there are new events; 0: not by time. */
  everyMs: number;
  /**
   * How many of the newest checkpoint files keep their stream list; older ones are rewritten as their
   * signed head alone (still verifiable, a few hundred bytes), so the directory stays small. Default 100.
   */
  keepStreams?: number;
  /** How often the store is looked at for new events. Default 1 s. */
  pollMs?: number;
  /** Publishes each new checkpoint elsewhere too (e.g. a Kafka topic); a failure is reported, not fatal. */
  publish?: (head: CheckpointHead) => Promise<void>;
  onError?: (error: unknown, during: 'checkpoint' | 'publish') => void;
  now?: () => Date;
};

const FILE = /^\d{12}-[0-9TZ]+\.json$/;

/**
 * Keeps the Merkle log of the store (`EventLog`), signs checkpoints of it every N events or T seconds
 * and on request, writes them to a directory outside the database and publishes them, and answers
 * inclusion and consistency proofs. Checkpoints read back from the directory are trusted only when
 * signed by this service's key.
 */
export class Checkpointer {
  private readonly log = new EventLog();
  private queue: Promise<unknown> = Promise.resolve();
  private lastSignedAt: number;
  private lastSize = -1;
  private timer?: NodeJS.Timeout;
  private readonly now: () => Date;

  constructor(
    private readonly store: EventStore,
    private readonly keys: { privateKey: KeyObject; publicKey: KeyObject },
    private readonly options: CheckpointerOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.lastSignedAt = this.now().getTime();
  }

  /** Signs, writes and publishes a checkpoint of every event stored so far. */
  checkpoint(): Promise<Checkpoint> {
    return this.serially(async () => {
      await this.log.catchUp(this.store);
      const checkpoint = signCheckpoint(this.log, this.keys.privateKey, this.now().toISOString());
      await this.write(checkpoint);
      this.lastSignedAt = this.now().getTime();
      this.lastSize = checkpoint.treeSize;
      if (this.options.publish)
        await this.options
          .publish(headOf(checkpoint))
          .catch((error: unknown) => this.options.onError?.(error, 'publish'));
      return checkpoint;
    });
  }

  /** The newest checkpoint signed by this key (with its stream list), if any. */
  async latest(): Promise<Checkpoint | undefined> {
    const files = await this.files();
    for (const file of files.reverse()) {
      const checkpoint = await this.read(file);
      if (checkpoint?.streams !== undefined) return checkpoint as Checkpoint;
    }
    return undefined;
  }

  /** The newest checkpoint of exactly `treeSize` events signed by this key, if any. */
  async find(treeSize: number): Promise<StoredCheckpoint | undefined> {
    const prefix = `${String(treeSize).padStart(12, '0')}-`;
    const files = (await this.files()).filter((f) => f.startsWith(prefix));
    for (const file of files.reverse()) {
      const checkpoint = await this.read(file);
      if (checkpoint && checkpoint.treeSize === treeSize) return checkpoint;
    }
    return undefined;
  }

  /** The proof that version `version` of `stream` is in the checkpoint of `treeSize` (default: the newest). */
  inclusion(stream: string, version: number, treeSize?: number): Promise<InclusionProof> {
    return this.serially(async () => {
      const checkpoint = await this.checkpointOf(treeSize);
      await this.log.catchUp(this.store);
      const event = (await this.store.readStream(stream)).find((e) => e.version === version);
      if (event === undefined)
        throw new ProofUnavailableError('not-found', `${stream} has no event ${version}`);
      return inclusionProofOf(this.log, event, headOf(checkpoint));
    });
  }

  /** The proof that the checkpoint of `from` events is the start of the one of `to` events. */
  consistency(from: number, to: number): Promise<ConsistencyProof> {
    return this.serially(async () => {
      const [first, second] = [await this.checkpointOf(from), await this.checkpointOf(to)];
      await this.log.catchUp(this.store);
      return consistencyProofOf(this.log, headOf(first), headOf(second));
    });
  }

  /** Looks for new events every `pollMs` and signs when `everyEvents` or `everyMs` says so. */
  start(): void {
    if (this.timer || (this.options.everyEvents <= 0 && this.options.everyMs <= 0)) return;
    this.timer = setInterval(() => void this.tick(), this.options.pollMs ?? 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.queue.catch(() => undefined);
  }

  private async tick(): Promise<void> {
    try {
      const due = await this.serially(async () => {
        await this.log.catchUp(this.store);
        if (this.lastSize < 0) this.lastSize = (await this.latest())?.treeSize ?? 0;
        const pending = this.log.length - this.lastSize;
        const { everyEvents, everyMs } = this.options;
        const elapsed = this.now().getTime() - this.lastSignedAt;
        return (
          pending > 0 && ((everyEvents > 0 && pending >= everyEvents) || (everyMs > 0 && elapsed >= everyMs))
        );
      });
      if (due) await this.checkpoint();
    } catch (error) {
      this.options.onError?.(error, 'checkpoint');
    }
  }

  private async checkpointOf(treeSize: number | undefined): Promise<StoredCheckpoint> {
    const checkpoint = treeSize === undefined ? await this.latest() : await this.find(treeSize);
    if (checkpoint === undefined)
      throw new ProofUnavailableError(
        'no-checkpoint',
        treeSize === undefined
          ? 'No checkpoint has been signed yet'
          : `No checkpoint of ${treeSize} events was signed by this service`,
      );
    return checkpoint;
  }

  private async write(checkpoint: Checkpoint): Promise<void> {
    const { dir } = this.options;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const name = `${String(checkpoint.treeSize).padStart(12, '0')}-${checkpoint.timestamp.replace(/[-:.]/g, '')}.json`;
    const temporary = join(dir, `.${name}.tmp`);
    await writeFile(temporary, `${JSON.stringify(checkpoint, null, 1)}\n`, { mode: 0o600 });
    await rename(temporary, join(dir, name));
    await this.shrinkOlder();
  }

  /** Rewrites checkpoint files older than the newest `keepStreams` as their signed heads. */
  private async shrinkOlder(): Promise<void> {
    const files = await this.files();
    const older = files.slice(0, Math.max(0, files.length - (this.options.keepStreams ?? 100)));
    for (const file of older) {
      const checkpoint = await this.read(file);
      if (checkpoint?.streams === undefined) continue;
      const temporary = join(this.options.dir, `.${file}.tmp`);
      await writeFile(temporary, `${JSON.stringify(headOf(checkpoint), null, 1)}\n`, {
        mode: 0o600,
      });
      await rename(temporary, join(this.options.dir, file));
    }
  }

  private async files(): Promise<string[]> {
    try {
      return (await readdir(this.options.dir)).filter((f) => FILE.test(f)).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  private async read(file: string): Promise<StoredCheckpoint | undefined> {
    try {
      const checkpoint = JSON.parse(await readFile(join(this.options.dir, file), 'utf8')) as StoredCheckpoint;
      return checkpointSignedBy(checkpoint, this.keys.publicKey) ? checkpoint : undefined;
    } catch {
      return undefined;
    }
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
