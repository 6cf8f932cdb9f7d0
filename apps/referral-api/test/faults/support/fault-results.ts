import { appendFileSync } from 'node:fs';

/** One row of the results table printed after `npm run test:faults` (and kept in the README). */
export type FaultResult = {
  scenario: string;
  load: string;
  faults: string;
  lost: number;
  duplicated: number;
  seconds: number;
  notes?: string;
};

/** Adds a row for the results reporter (fault-results.reporter.js); any fault-spec may call it. */
export function recordFaultResult(result: FaultResult): void {
  const file = process.env.FAULT_RESULTS_FILE;
  if (file) appendFileSync(file, `${JSON.stringify(result)}\n`);
}
