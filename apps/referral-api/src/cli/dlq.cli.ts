import { parseArgs } from 'node:util';
import { loadConfig } from '@app/config';
import { topicNames } from '@app/contracts';
import { DeadLetters } from '@app/integration';
import type { DeadLetterView } from '@app/integration';
import { KafkaMessaging } from '@app/messaging';

const USAGE = `Inspect and replay the dead letters of the inbound topics (KAFKA_BROKERS, KAFKA_TOPIC_PREFIX as the server).

npm run dlq -- list [--code <reason code>] [--json]
  every dead letter: where it is (<topic>/<partition>/<offset>), its reason code, when it failed,
  the sender's ids and how many attempts failed; no payloads
npm run dlq -- show <ref> [--payload]
  one dead letter with every attempt's reason; --payload also prints the message as sent (it may hold personal data)
npm run dlq -- replay <ref>... | --code <reason code>
  sends the messages back to the topic they came from, signature intact, once their cause is fixed. Replays are
  idempotent: a referral already received is recognised as a resend. One that fails again returns to the
  dead-letter topic with every attempt's reason.`;

const line = (v: DeadLetterView) =>
  [
    v.ref,
    v.code,
    v.failedAt,
    v.sourceSystem ?? '-',
    v.messageId ?? '-',
    `attempts=${v.attempts.length}`,
  ].join('  ');

type Flags = { code?: string; json?: boolean; payload?: boolean };
const out = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

async function runCommand(
  letters: DeadLetters,
  command: string,
  refs: string[],
  values: Flags,
): Promise<void> {
  if (command === 'list') {
    const found = await letters.list({ code: values.code });
    if (values.json) return out(found);
    process.stdout.write(found.length ? `${found.map(line).join('\n')}\n` : 'No dead letters.\n');
    return;
  }
  if (command === 'show' && refs.length === 1) {
    const found = await letters.show(refs[0]!, values.payload === true);
    if (!found) throw new Error(`No dead letter ${refs[0]}; \`npm run dlq -- list\` shows them`);
    return out(found);
  }
  if (command === 'replay' && (refs.length > 0 || values.code)) {
    const result = await letters.replay(refs.length ? { refs } : { code: values.code });
    out(result);
    if (result.skipped.length) process.exitCode = 1;
    return;
  }
  throw new Error(USAGE);
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      code: { type: 'string' },
      json: { type: 'boolean' },
      payload: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...refs] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const kafka = loadConfig().kafka;
  if (!kafka) throw new Error('Set KAFKA_BROKERS (and KAFKA_TOPIC_PREFIX) to the broker the service uses');
  const messaging = new KafkaMessaging(kafka);
  const publisher = messaging.publisher();
  const letters = new DeadLetters(messaging, publisher, topicNames(kafka.topicPrefix));
  try {
    await runCommand(letters, command, refs, values);
  } finally {
    await publisher.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
