import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, answerHelp } from '@app/config';
import { partnerSignatureHeaders } from '@app/contracts';
import { KafkaMessaging } from '@app/messaging';

const USAGE = `npm run partner -- keygen --id <partner> [--org <ODS code>]... [--answers camhs|mhst|school]... [--out <file>]
  writes the partner's Ed25519 private key (owner-only) and prints its INTEGRATION_PARTNERS entry
npm run partner -- send --id <partner> --private-key <file> --topic <topic> [--key <message key>] < message.json
  signs the message as the partner and publishes it to KAFKA_BROKERS, as a partner system would`;

function keygen(id: string, out: string, organisationCodes: string[], handoffTargets: string[]): void {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(out, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  const entry = { id, organisationCodes, handoffTargets, sourceSystems: [id] };
  const kafkaPublicKey = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  process.stdout.write(`${JSON.stringify({ ...entry, kafkaPublicKey }, null, 2)}\n`);
  process.stderr.write(
    `Private key written to ${out}; give the entry above to the service's INTEGRATION_PARTNERS.\n`,
  );
}

async function send(id: string, privateKeyFile: string, topic: string, key: string | null): Promise<void> {
  const kafka = loadConfig().kafka;
  if (!kafka) throw new Error('Set KAFKA_BROKERS to the broker to publish to');
  const value = readFileSync(0, 'utf8').trim();
  JSON.parse(value);
  const headers = partnerSignatureHeaders(id, readFileSync(privateKeyFile, 'utf8'), { topic, key, value });
  const publisher = new KafkaMessaging(kafka).publisher();
  try {
    await publisher.publish([{ topic, key, value, headers }]);
  } finally {
    await publisher.close();
  }
  process.stderr.write(`Published to ${topic}, signed as ${id}\n`);
}

async function main(): Promise<void> {
  answerHelp(USAGE);
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      id: { type: 'string' },
      out: { type: 'string' },
      'private-key': { type: 'string' },
      topic: { type: 'string' },
      key: { type: 'string' },
      org: { type: 'string', multiple: true },
      answers: { type: 'string', multiple: true },
    },
  });
  const [command] = positionals;
  if (!values.id) throw new Error(USAGE);
  if (command === 'keygen')
    return keygen(values.id, values.out ?? `${values.id}.key`, values.org ?? [], values.answers ?? []);
  if (command === 'send' && values['private-key'] && values.topic)
    return send(values.id, values['private-key'], values.topic, values.key ?? null);
  throw new Error(USAGE);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
