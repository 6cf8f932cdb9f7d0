import { RequestValidationPipe } from '../../src/http/validation.pipe';
import { pathParams } from '../../src/referrals/commands/referral-command.descriptor';
import { REFERRAL_COMMANDS } from '../../src/referrals/commands/referral-commands';

describe('The referral command table', () => {
  it('names each command and route once', () => {
    const ids = REFERRAL_COMMANDS.map((d) => d.operationId);
    const routes = REFERRAL_COMMANDS.map((d) => `${d.method} ${d.path}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it.each(REFERRAL_COMMANDS.map((d) => [d.operationId, d] as const))(
    '%s: its OpenAPI example is a valid request',
    async (_name, d) => {
      await expect(
        new RequestValidationPipe().transform(structuredClone(d.example), {
          type: 'body',
          metatype: d.request,
        }),
      ).resolves.toBeInstanceOf(d.request);
    },
  );

  it('puts the referral id first in every path but the create', () => {
    for (const d of REFERRAL_COMMANDS) {
      if (d.kind === 'create') expect(pathParams(d.path)).toEqual([]);
      else expect(pathParams(d.path)[0]).toBe('id');
    }
  });
});
