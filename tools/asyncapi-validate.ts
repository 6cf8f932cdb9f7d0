import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';

/** Spectral's severities: 0 error, 1 warning. */
const ERROR = 0;
const WARNING = 1;

/** Validates an AsyncAPI document with the official parser; exits 1 on any error (warnings are printed). */
async function main(): Promise<void> {
  const file = process.argv[2] ?? 'docs/asyncapi.yaml';
  const { diagnostics } = await new Parser().parse(readFileSync(file, 'utf8'), { source: file });
  const errors = diagnostics.filter((d) => Number(d.severity) === ERROR);
  const warnings = diagnostics.filter((d) => Number(d.severity) === WARNING);
  for (const d of [...errors, ...warnings])
    process.stderr.write(
      `${Number(d.severity) === ERROR ? 'error' : 'warning'} ${d.code}: ${d.message} at ${d.path.join('.')}\n`,
    );
  process.stdout.write(`${file}: ${errors.length} errors, ${warnings.length} warnings\n`);
  if (errors.length) process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
