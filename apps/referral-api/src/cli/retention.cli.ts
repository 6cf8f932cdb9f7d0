import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, secureDataDir, answerHelp, CONFIGURATION_HINT } from '@app/config';
import { AppModule } from '../app.module';
import { isCalendarDate } from '@app/referral-domain';
import { RetentionService } from '../records/retention.service';
import { PROJECTIONS } from '../projections/read-models.module';
import type { ProjectionRunner } from '@app/read-models';

answerHelp(`npm run retention [-- --as-of YYYY-MM-DD] [--dry-run]
  erases the personal data of closed referrals past their retention date (docs/domain.md), except those
  under a legal hold; --dry-run reports what would be erased. ${CONFIGURATION_HINT}`);

/** `npm run retention [-- --as-of YYYY-MM-DD] [--dry-run]`: erases referrals past their retention date. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'as-of': { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  });
  const asOf = values['as-of'] ?? new Date().toISOString().slice(0, 10);
  if (!isCalendarDate(asOf)) throw new ConfigError('--as-of', `must be a date YYYY-MM-DD, got "${asOf}"`);
  const config = { ...loadConfig(), runProjections: false, logLevel: 'warn' as const };
  secureDataDir(config.dataDir);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  for (const runner of app.get<ProjectionRunner<unknown>[]>(PROJECTIONS)) await runner.catchUp();
  const report = await app.get(RetentionService).run(asOf, values['dry-run']);
  process.stdout.write(
    `Retention as of ${report.asOf}${values['dry-run'] ? ' (dry run)' : ''}: ${report.checked} closed referrals checked, ` +
      `${report.erased} ${values['dry-run'] ? 'due for erasure' : 'erased'}, ${report.onLegalHold} kept under legal hold, ` +
      `${report.notDue} not yet due, ${report.alreadyErased} already erased\n`,
  );
  await app.close();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `Retention failed: ${(error as Error).message}`}\n`,
  );
  process.exit(1);
});
