// `@app/event-store/conformance`: the port's conformance suite, for the specs of adapters and decorators.
export { describeEventStoreConformance, newEvent } from './event-store.conformance';
export type { EventStoreFactory } from './event-store.conformance';
