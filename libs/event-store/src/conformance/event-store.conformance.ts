import { describeAppendConformance } from './append.conformance';
import { describeConcurrencyConformance } from './concurrency.conformance';
import type { EventStoreFactory } from './conformance.fixtures';
import { useStoreUnderTest } from './conformance.fixtures';
import { describeFollowConformance } from './follow.conformance';
import { describeReadConformance } from './read.conformance';

export type { EventStoreFactory } from './conformance.fixtures';
export { newEvent } from './conformance.fixtures';

/**
 * The behaviour every `EventStore` adapter must show, as a jest `describe` block. `factory`
 * gives each test its own store holding no events. Import from test files only: it needs jest.
 */
export function describeEventStoreConformance(name: string, factory: EventStoreFactory): void {
  describe(`${name} conforms to the EventStore port`, () => {
    const subject = useStoreUnderTest(factory);
    describeAppendConformance(subject);
    describeConcurrencyConformance(subject);
    describeReadConformance(subject);
    describeFollowConformance(subject);
  });
}
