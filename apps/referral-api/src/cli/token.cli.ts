import { parseArgs } from 'node:util';
import { loadConfig } from '@app/config';
import { signToken } from '../auth/jwt-auth.guard';
import { resolveJwtSecret } from '../auth/jwt-secret';
import { ROLES, Role } from '@app/application';

/** Prints a token for local use: `npm run token -- --role link_worker --sub lw-1 [--hours 8]`. */
function main(): void {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      sub: { type: 'string' },
      hours: { type: 'string', default: '8' },
    },
  });
  const roles = (values.role ?? []) as Role[];
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (roles.length === 0 || bad.length) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const hours = Number(values.hours);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30)
    throw new Error('--hours must be between 0 and 720');
  const sub = values.sub ?? `${roles[0]}-local`;
  process.stdout.write(
    `${signToken(resolveJwtSecret(loadConfig()), sub, roles, Math.round(hours * 3600))}\n`,
  );
}

try {
  main();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
