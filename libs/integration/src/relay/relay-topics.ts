import type { TopicNames } from '@app/contracts';
import type { TopicSpec } from '@app/messaging';

/** The topics the relay writes; the waiting-time topic is compacted so it holds the latest row per group. */
export function relayTopics(topics: TopicNames): TopicSpec[] {
  return [
    ...Object.values(topics.handoffs).map((name) => ({ name })),
    ...Object.values(topics.handoffsFhir).map((name) => ({ name })),
    { name: topics.referralStatus },
    { name: topics.waitingTimes, compacted: true },
  ];
}
