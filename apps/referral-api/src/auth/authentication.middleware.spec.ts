import { loadConfig } from '@app/config';
import { AuthenticatedRequest, AuthenticationMiddleware, signToken } from './jwt-auth.guard';
import { TokenVerifier } from './token-verifier';

const SECRET = 'unit-secret-that-is-long-enough-for-hs256-0123456789';
const CONFIG = loadConfig({ NODE_ENV: 'test', AUTH_JWT_SECRET: SECRET });

const middlewareFor = () => new AuthenticationMiddleware(new TokenVerifier(SECRET, CONFIG.auth));

function authenticate(middleware: AuthenticationMiddleware, authorization?: string): AuthenticatedRequest {
  const req = { headers: { authorization } } as AuthenticatedRequest;
  middleware.use(req, () => undefined);
  return req;
}

describe('AuthenticationMiddleware', () => {
  afterEach(() => jest.useRealTimers());

  it('identifies the caller from the same token on every request', () => {
    const middleware = middlewareFor();
    const header = `Bearer ${signToken(SECRET, 'lw-1', ['link_worker'])}`;
    const first = authenticate(middleware, header);
    const second = authenticate(middleware, header);
    expect(first.actor).toEqual({ sub: 'lw-1', roles: ['link_worker'], teams: ['default'] });
    expect(second.actor).toEqual(first.actor);
    expect(Object.isFrozen(second.actor)).toBe(true);
  });

  it('rejects a token it accepted once after the token expires', () => {
    jest.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z') });
    const middleware = middlewareFor();
    const header = `Bearer ${signToken(SECRET, 'lw-1', ['link_worker'], 30)}`;
    expect(authenticate(middleware, header).actor?.sub).toBe('lw-1');
    jest.setSystemTime(new Date('2026-11-22T10:00:31Z'));
    const late = authenticate(middleware, header);
    expect(late.actor).toBeUndefined();
    expect(late.authProblem?.detail).toBe('The token has expired');
  });

  it('never accepts a token signed with another secret, even one cached for the right secret', () => {
    const middleware = middlewareFor();
    const forged = `Bearer ${signToken('another-secret-that-is-long-enough-for-hs256-0123', 'sm', ['service_manager'])}`;
    const refused = authenticate(middleware, forged);
    expect(refused.actor).toBeUndefined();
    expect(refused.authProblem?.status).toBe(401);
  });

  it('leaves a request without credentials unidentified, for the guard to refuse where a route needs them', () => {
    const req = authenticate(middlewareFor(), undefined);
    expect(req.actor).toBeUndefined();
    expect(req.authProblem).toBeUndefined();
  });
});
