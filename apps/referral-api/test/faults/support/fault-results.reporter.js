// Prints the fault scenarios' results table after `npm run test:faults`. Rows come from
// recordFaultResult() in the specs (a JSON line each, in a file named by FAULT_RESULTS_FILE).
const { existsSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

class FaultResultsReporter {
  constructor() {
    this.file = join(tmpdir(), `fault-results-${process.pid}.jsonl`);
    writeFileSync(this.file, '');
    process.env.FAULT_RESULTS_FILE = this.file;
  }

  onRunComplete() {
    if (!existsSync(this.file)) return;
    const rows = readFileSync(this.file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    rmSync(this.file, { force: true });
    if (rows.length === 0) return;
    const table = [
      '| scenario | load | faults injected | lost | duplicated | time |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows.map(
        (r) =>
          `| ${r.scenario} | ${r.load} | ${r.faults} | ${r.lost} | ${r.duplicated} | ${r.seconds.toFixed(0)} s |`,
      ),
    ];
    const notes = rows.filter((r) => r.notes).map((r) => `- ${r.scenario}: ${r.notes}`);
    process.stdout.write(
      `\nReliability results\n\n${table.join('\n')}\n${notes.length ? `\n${notes.join('\n')}\n` : ''}\n`,
    );
  }
}

module.exports = FaultResultsReporter;
