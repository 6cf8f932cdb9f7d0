/** Proof that this instance may run a projection; `lost` aborts when that stops being true. */
export type Lease = { lost: AbortSignal; release(): Promise<void> };

/**
 * Decides which one of several instances runs each projection. `acquire` waits (as a standby)
 * until this instance holds the named lock, and resolves `null` if `signal` aborts first.
 */
export interface Leadership {
  acquire(name: string, signal: AbortSignal): Promise<Lease | null>;
}

/** Every instance leads: for the embedded store, where one process owns the read models. */
export const soleInstance: Leadership = {
  acquire: (_name, signal) =>
    Promise.resolve(
      signal.aborted ? null : { lost: new AbortController().signal, release: () => Promise.resolve() },
    ),
};
