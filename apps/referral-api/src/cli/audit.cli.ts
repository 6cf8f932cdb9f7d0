import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, secureDataDir, answerHelp } from '@app/config';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { referralStreamName } from '@app/referral-domain';
import { AppModule } from '../app.module';
import { AUDIT_EVENT_STORE } from '../infrastructure/store.module';
import { printable } from './printable';
import { timeline } from './timeline';
import { verifyAll } from './verify-all';
import { CheckpointsService } from '../audit/checkpoints/checkpoints.service';

const USAGE =
  'usage: npm run audit -- replay <referralId> [--as-of <ISO time>] | npm run audit -- verify --all [--checkpoint <file>] [--public-key <file>]';

async function replay(
  store: EventStore,
  referralId: string | undefined,
  asOf: string | undefined,
): Promise<number> {
  if (!referralId) throw new ConfigError('referralId', `is required. ${USAGE}`);
  if (asOf !== undefined && Number.isNaN(Date.parse(asOf)))
    throw new ConfigError('--as-of', `must be an ISO time, got "${asOf}"`);
  const cutoff = asOf ? new Date(asOf).toISOString() : undefined;
  const events = (await store.readStream(referralStreamName(referralId))).filter(
    (e) => !cutoff || e.metadata.recordedAt <= cutoff,
  );
  if (events.length === 0) {
    process.stderr.write(`No referral ${printable(referralId)}${cutoff ? ` recorded by ${cutoff}` : ''}\n`);
    return 2;
  }
  process.stdout.write(
    `Referral ${printable(referralId)}: ${events.length} events${cutoff ? ` recorded by ${cutoff}` : ''}\n${timeline(events)}\n`,
  );
  return 0;
}

async function main(): Promise<number> {
  answerHelp(USAGE);
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      'as-of': { type: 'string' },
      all: { type: 'boolean', default: false },
      checkpoint: { type: 'string' },
      'public-key': { type: 'string' },
    },
  });
  const [command, referralId] = positionals;
  if (command !== 'replay' && !(command === 'verify' && values.all))
    throw new ConfigError('command', `is missing or unknown. ${USAGE}`);
  const loaded = loadConfig();
  // No projections, and no checkpoints signed by the check itself.
  const audit = { ...loaded.audit, checkpointEveryEvents: 0, checkpointEverySeconds: 0 };
  const config = {
    ...loaded,
    audit,
    runProjections: false,
    runIntegration: false,
    logLevel: 'warn' as const,
  };
  secureDataDir(config.dataDir);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  try {
    return command === 'replay'
      ? await replay(app.get(EVENT_STORE), referralId, values['as-of'])
      : await verifyAll(app.get(AUDIT_EVENT_STORE), app.get(CheckpointsService), {
          checkpointFile: values.checkpoint,
          publicKeyFile: values['public-key'],
        });
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : `Audit failed: ${(error as Error).message}`}\n`,
    );
    process.exit(1);
  },
);
