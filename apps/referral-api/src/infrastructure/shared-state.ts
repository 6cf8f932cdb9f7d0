/** Injection token of the `SharedState` (`@app/read-models`): the database every instance shares, or none (embedded). */
export const SHARED_STATE = Symbol('SHARED_STATE');
