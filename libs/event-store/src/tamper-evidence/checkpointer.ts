import { mkdir, open, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { EventStore } from '../event-store.port';
import { checkpointSignedBy, headOf, writeSignedCheckpoint } from './checkpoint';
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
  /** Heads of the files this process wrote with their stream lists, so shrinking them needs no reading. */
  private readonly written = new Map<string, CheckpointHead>();
  /** Files already shrunk to their heads (or not ours): not read again. */
  private readonly shrunk = new Set<string>();

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
    return this.serially(async () => ({ ...(await this.signNow()), streams: this.log.streamDigests() }));
  }

  /**
   * Signs, writes and publishes a checkpoint, the stream list kept as text: at hundreds of thousands
   * of streams, building it as an object took the event loop for a second at every checkpoint.
   */
  private async signNow(): Promise<CheckpointHead> {
    await this.log.catchUp(this.store);
    const head = await this.write((write) =>
      writeSignedCheckpoint(this.log, this.keys.privateKey, this.now().toISOString(), write),
    );
    this.lastSignedAt = this.now().getTime();
    this.lastSize = head.treeSize;
    if (this.options.publish)
      await this.options.publish(head).catch((error: unknown) => this.options.onError?.(error, 'publish'));
    return head;
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
      if (due) await this.serially(() => this.signNow());
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

  /** Writes a new checkpoint file as `sign` writes it, under the name of the head it returns. */
  private async write(
    sign: (write: (text: string) => Promise<void>) => Promise<CheckpointHead>,
  ): Promise<CheckpointHead> {
    const { dir } = this.options;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temporary = join(dir, `.signing-${process.pid}.tmp`);
    const file = await open(temporary, 'w', 0o600);
    let head: CheckpointHead;
    try {
      head = await sign(async (text) => void (await file.write(text)));
    } finally {
      await file.close();
    }
    const name = `${String(head.treeSize).padStart(12, '0')}-${head.timestamp.replace(/[-:.]/g, '')}.json`;
    await rename(temporary, join(dir, name));
    this.written.set(name, head);
    await this.shrinkOlder();
    return head;
  }

  /** Rewrites a file of the directory whole or not at all (a temporary file renamed over it). */
  private async rewrite(name: string, text: string): Promise<void> {
    const temporary = join(this.options.dir, `.${name}.tmp`);
    await writeFile(temporary, text, { mode: 0o600 });
    await rename(temporary, join(this.options.dir, name));
  }

  /** Rewrites checkpoint files older than the newest `keepStreams` as their signed heads. */
  private async shrinkOlder(): Promise<void> {
    const files = await this.files();
    const older = files.slice(0, Math.max(0, files.length - (this.options.keepStreams ?? 100)));
    for (const file of older) {
      if (this.shrunk.has(file)) continue;
      this.shrunk.add(file);
      const known = this.written.get(file);
      this.written.delete(file);
      const stored = known === undefined ? await this.read(file) : undefined;
      const head = known ?? stored;
      // A file read back is rewritten only when it still lists its streams (and is ours).
      if (head === undefined || (known === undefined && stored?.streams === undefined)) continue;
      await this.rewrite(file, `${JSON.stringify(headOf(head), null, 1)}\n`);
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
