import { parseArgs } from 'node:util';
import { answerHelp, loadConfig } from '@app/config';
import { signToken } from '../auth/jwt-auth.guard';
import { jwtSecretSource, resolveJwtSecret } from '../auth/jwt-secret';
import { ROLES, Role } from '@app/application';

const USAGE = `Prints a signed token for local use, with the same settings as \`npm start\` (AUTH_JWT_SECRET, else
the secret file in DATA_DIR, default ./data).

npm run token -- --role <role> [--role <role>]... [--sub <id>] [--hours 8] [--team <team>]...
npm run token -- --role integration --sub <system> --partner <partner> [--org <ODS code>]

Roles: ${ROLES.join(', ')}.
Use it:  curl -H "Authorization: Bearer $(npm run -s token -- --role service_manager)" http://127.0.0.1:3000/v1/referrals/queue`;

/** Says on stderr which secret signs the token, and warns when none exists yet (a new one is made). */
function tellSecret(config: ReturnType<typeof loadConfig>): void {
  const source = jwtSecretSource(config);
  if (source.kind === 'environment') process.stderr.write('Signed with AUTH_JWT_SECRET.\n');
  else if (source.kind === 'file') process.stderr.write(`Signed with the secret in ${source.file}.\n`);
  else
    process.stderr.write(
      `Warning: no secret in ${source.file} yet, so a new one is made there. A server already running with\n` +
        'another DATA_DIR or AUTH_JWT_SECRET will refuse this token (401): run this with the same settings as the server.\n',
    );
}

/** Prints a token for local use (see USAGE). */
function main(): void {
  answerHelp(USAGE);
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      sub: { type: 'string' },
      hours: { type: 'string', default: '8' },
      partner: { type: 'string' },
      org: { type: 'string' },
      team: { type: 'string', multiple: true },
    },
  });
  const config = loadConfig();
  const roles = (values.role ?? []) as Role[];
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (roles.length === 0 || bad.length)
    throw new Error(`--role must be one of ${ROLES.join(', ')}\n\n${USAGE}`);
  const hours = Number(values.hours);
  const maxHours = config.auth.maxTokenLifetimeSeconds / 3600;
  if (!Number.isFinite(hours) || hours <= 0 || hours > maxHours)
    throw new Error(`--hours must be more than 0 and at most ${maxHours} (AUTH_MAX_TOKEN_LIFETIME_SECONDS)`);
  const sub = values.sub ?? `${roles[0]}-local`;
  const claims = {
    ...(values.partner ? { partner: values.partner } : {}),
    ...(values.org ? { org: values.org } : {}),
    ...(values.team?.length ? { teams: values.team } : {}),
  };
  tellSecret(config);
  process.stdout.write(
    `${signToken(resolveJwtSecret(config), sub, roles, Math.round(hours * 3600), claims)}\n`,
  );
}

try {
  main();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
