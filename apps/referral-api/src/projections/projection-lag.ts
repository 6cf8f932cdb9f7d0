import type { EventStore } from '@app/event-store';
import type { ProjectionRunner, ProjectionStatus } from '@app/read-models';

export type ProjectionHealth = ProjectionStatus & { eventsBehind: number; secondsBehind: number };

/** How far each projection is behind the head of the event store, in events and in seconds. */
export async function projectionLag(
  store: EventStore,
  runners: ProjectionRunner<unknown>[],
  nowMs: number,
): Promise<ProjectionHealth[]> {
  const head = await store.headPosition();
  return Promise.all(
    runners.map(async (runner) => {
      const status = runner.current();
      const position = Math.max(status.position, await runner.checkpoint());
      const next = position < head ? (await store.readAll(position, 1))[0] : undefined;
      const secondsBehind = next
        ? Math.max(0, Math.round((nowMs - Date.parse(next.metadata.recordedAt)) / 1000))
        : 0;
      return { ...status, position, eventsBehind: head - position, secondsBehind };
    }),
  );
}
