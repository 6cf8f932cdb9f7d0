/** Time and ids enter the system here and travel into the domain inside commands. */
export type Clock = { now(): string };
export type IdGenerator = { uuid(): string };
