/**
 * Every command-line entry point answers `--help` (or `-h`) with its usage and exits, before it reads
 * configuration or touches a store: asking for help never starts, rebuilds or erases anything.
 */
export function answerHelp(usage: string, argv: readonly string[] = process.argv.slice(2)): void {
  if (!argv.includes('--help') && !argv.includes('-h')) return;
  process.stdout.write(`${usage.trim()}\n`);
  process.exit(0);
}

/** The configuration every server reads, for its `--help`. */
export const CONFIGURATION_HINT =
  'Configuration comes from environment variables (DATA_DIR, AUTH_JWT_SECRET, EVENT_STORE, DATABASE_URL, ' +
  'KAFKA_BROKERS, ...): see docs/operations.md.';
