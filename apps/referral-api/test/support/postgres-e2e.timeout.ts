// An API on PostgreSQL starts with a fresh database of its own (schema and migrations), which under a
// full parallel run can take more than Jest's default 5 s per hook: the e2e-postgres project allows 30 s.
jest.setTimeout(30_000);
