import { loadConfig } from './config';
import { productionConfig } from './config.test-support';

const production = productionConfig;
const provider = {
  AUTH_JWKS_URL: 'https://login.example.nhs.uk/jwks',
  AUTH_ISSUER: 'https://login.example.nhs.uk',
  AUTH_AUDIENCE: 'cyp',
  AUTH_CLIENT_ID: 'dashboard',
  AUTH_AUTHORIZATION_URL: 'https://login.example.nhs.uk/authorize',
  AUTH_TOKEN_URL: 'https://login.example.nhs.uk/token',
  AUTH_REDIRECT_URL: 'https://cyp.example.nhs.uk/dashboard/oidc/callback',
};

describe('Dashboard sign-in settings', () => {
  it('offers development sign-in outside production only, and never lets production switch it on', () => {
    expect(loadConfig({}).dashboard.devSignIn).toBe(true);
    expect(production().dashboard.devSignIn).toBe(false);
    expect(() => production({ DASHBOARD_DEV_SIGN_IN: 'true' })).toThrow(
      /DASHBOARD_DEV_SIGN_IN may not be true when NODE_ENV=production/,
    );
  });

  it('configures the identity provider client, naming what is missing or unsafe', () => {
    expect(production(provider).dashboard.oidc).toEqual({
      clientId: 'dashboard',
      authorizationUrl: 'https://login.example.nhs.uk/authorize',
      tokenUrl: 'https://login.example.nhs.uk/token',
      redirectUrl: 'https://cyp.example.nhs.uk/dashboard/oidc/callback',
      scope: 'openid',
    });
    expect(() => loadConfig({ ...provider, AUTH_TOKEN_URL: '' })).toThrow(/AUTH_TOKEN_URL is required/);
    expect(() => loadConfig({ ...provider, AUTH_TOKEN_URL: 'http://idp.example/token' })).toThrow(
      /AUTH_TOKEN_URL must use https/,
    );
    expect(() =>
      loadConfig({ ...provider, AUTH_REDIRECT_URL: 'https://cyp.example.nhs.uk/elsewhere' }),
    ).toThrow(/AUTH_REDIRECT_URL must end with \/dashboard\/oidc\/callback/);
    expect(() => loadConfig({ AUTH_CLIENT_ID: 'dashboard' })).toThrow(/AUTH_CLIENT_ID needs AUTH_JWKS_URL/);
  });
});
