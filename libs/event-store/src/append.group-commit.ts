/** What became of one append in a batch: its own result or its own error. */
export type AppendOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/** Commits a batch of appends in one transaction and answers each, in order; throws if the transaction failed. */
export type CommitBatch<J, R> = (jobs: J[]) => AppendOutcome<R>[] | Promise<AppendOutcome<R>[]>;

type Pending<J, R> = { job: J; resolve: (value: R) => void; reject: (error: unknown) => void };

/**
 * Group commit (docs/adr/0006-group-commit.md): appends submitted while a batch is being
 * committed, or in the same turn of the event loop, are committed together in the next batch,
 * so many callers share one durable commit. Each caller is answered only after the batch
 * holding its append has committed, with its own result or error. One batch at a time.
 */
export class GroupCommit<J, R> {
  private queue: Pending<J, R>[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly commitBatch: CommitBatch<J, R>,
    private readonly maxBatch = 256,
  ) {}

  submit(job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.running ??= this.drain();
    });
  }

  /** Resolves once every append submitted so far has been answered. */
  async idle(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        // One turn of the event loop lets callers answered by the last batch, and requests that
        // arrived meanwhile, join the next one.
        await new Promise((resolve) => setImmediate(resolve));
        await this.commitNext(this.queue.splice(0, this.maxBatch));
      }
    } finally {
      this.running = undefined;
    }
  }

  private async commitNext(batch: Pending<J, R>[]): Promise<void> {
    let outcomes: AppendOutcome<R>[];
    try {
      outcomes = await this.commitBatch(batch.map((pending) => pending.job));
    } catch (error) {
      outcomes = batch.map(() => ({ ok: false, error }));
    }
    batch.forEach((pending, index) => {
      const outcome = outcomes[index] ?? {
        ok: false,
        error: new Error('Append was not answered by its batch'),
      };
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  }
}
