// The event-store port, its decorators and the decider store. The storage adapters are reached
// through `openEventStore` (which loads only the configured driver) or their subpaths:
// `@app/event-store/sqlite`, `@app/event-store/postgres`, `@app/event-store/kurrentdb`.
export * from './event-store.port';
export * from './event-store.errors';
export { DeciderStore } from './decider-store';
export { LingeringFollowStore } from './lingering-follow';
export type { Decider, DomainEvent, HandleOptions, Handled, Loaded } from './decider-store';
export { canonicalJson } from './tamper-evidence/canonical-json';
export { eventHash, verifyChain, GENESIS_HASH } from './tamper-evidence/event-hash';
export type { ChainVerification } from './tamper-evidence/event-hash';
export { HashChainedEventStore } from './tamper-evidence/hash-chained-event-store';
export { verifyStore } from './tamper-evidence/verify-store';
export type { StoreVerification } from './tamper-evidence/verify-store';
export { openEventStore } from './open-event-store';
export type { EventStoreSettings } from './open-event-store';
export {
  CHECKPOINT_ORIGIN,
  checkpointSignedBy,
  checkpointText,
  compareWithCheckpoint,
  eventTree,
  headOf,
  signCheckpoint,
} from './tamper-evidence/checkpoint';
export type { Checkpoint, CheckpointComparison, CheckpointHead } from './tamper-evidence/checkpoint';
export { EventLog } from './tamper-evidence/event-log';
export { Checkpointer } from './tamper-evidence/checkpointer';
export type { CheckpointerOptions, StoredCheckpoint } from './tamper-evidence/checkpointer';
export {
  ProofUnavailableError,
  consistencyProofOf,
  inclusionProofOf,
  publishedKey,
  streamAgainstCheckpoint,
} from './tamper-evidence/proofs';
export type { ConsistencyProof, InclusionProof, StreamAgainstCheckpoint } from './tamper-evidence/proofs';
export { SIGNING_KEY_FILE, loadSigningKey } from './tamper-evidence/signing-key';
export { leafHash, rootOf, verifyConsistency, verifyInclusion } from './tamper-evidence/merkle';
