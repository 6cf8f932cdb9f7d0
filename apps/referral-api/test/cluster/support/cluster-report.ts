type Row = { scenario: string; load: string; result: string; seconds: number };

const rows: Row[] = [];

/** Records one scenario's figures, printed at once and again in the table at the end of the run. */
export function report(scenario: string, figures: Omit<Row, 'scenario'>): void {
  const row = { scenario, ...figures };
  rows.push(row);
  process.stdout.write(`[cluster] ${scenario}: ${row.load}; ${row.result} (${row.seconds.toFixed(1)} s)\n`);
}

/** The figures of every scenario run, as a Markdown table (for docs/scaling.md). */
export function reportTable(): void {
  if (rows.length === 0) return;
  const lines = ['| scenario | load | result | time |', '| --- | --- | --- | --- |'];
  for (const r of rows) lines.push(`| ${r.scenario} | ${r.load} | ${r.result} | ${r.seconds.toFixed(0)} s |`);
  process.stdout.write(
    `\nCluster suite results (${new Date().toISOString().slice(0, 10)}):\n${lines.join('\n')}\n`,
  );
}
