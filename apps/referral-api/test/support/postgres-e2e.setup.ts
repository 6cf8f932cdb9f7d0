// The `e2e-postgres` jest project runs every API e2e spec again with this set: `startApi` then
// puts each API on PostgreSQL (events and read models) in a database of its own.
process.env.E2E_STORES = 'postgres';
// Fuzzing exercises HTTP input handling, which does not depend on the store; a tenth of it on
// PostgreSQL still shows that no input reaches the database as a 5xx, at a tenth of the time.
process.env.FUZZ_SCALE ??= '0.1';
