import type { Convergence } from './projections-check';
import type { Ack } from './referral-load';
import type { CommandsInStore, StreamAudit } from './stored-events';

/**
 * What the store must show after a crash scenario: nothing acknowledged is lost, no stream has a gap,
 * a duplicate version or a broken hash chain, no command was applied twice, and every read model (and
 * its checkpoint) equals a rebuild from position 0.
 */
export function expectIntact(found: {
  lost: Ack[];
  streams: StreamAudit;
  commands: CommandsInStore;
  convergence: Convergence;
}): void {
  const { lost, streams, commands, convergence } = found;
  expect(lost).toEqual([]);
  expect(streams.gaps).toEqual([]);
  expect(streams.duplicateVersions).toEqual([]);
  expect(streams.brokenChains).toEqual([]);
  expect(commands.appliedTwice).toEqual([]);
  expect(convergence.differingReferralRows).toEqual([]);
  expect(convergence.differingAccessRows).toEqual([]);
  expect(Object.values(convergence.checkpoints)).toEqual(
    Object.values(convergence.checkpoints).map(() => convergence.headPosition),
  );
}
