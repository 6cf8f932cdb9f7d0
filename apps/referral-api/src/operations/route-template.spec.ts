import { RouteLayer, RouteTemplates, methodLabel } from './route-template';

const layers: RouteLayer[] = [
  { route: { path: '/{*path}', methods: { get: true, post: true } } },
  { route: { path: '/v1/referrals', methods: { post: true } } },
  { route: { path: '/v1/referrals/:id', methods: { get: true } } },
  { route: { path: '/v1/referrals/:id/handoffs/:handoffId/acknowledge', methods: { post: true } } },
  {},
];

describe('Route templates for metric labels', () => {
  const routes = new RouteTemplates(() => layers);

  it('use the route the router matched', () => {
    expect(routes.of('GET', '/v1/referrals/abc', '/v1/referrals/:id')).toBe('/v1/referrals/:id');
  });

  it('match requests refused before routing against the registered templates, not the raw path', () => {
    expect(routes.of('POST', '/v1/referrals', '/{*path}')).toBe('/v1/referrals');
    expect(routes.of('POST', '/v1/referrals/3f1c/handoffs/9a8e/acknowledge/')).toBe(
      '/v1/referrals/:id/handoffs/:handoffId/acknowledge',
    );
    expect(routes.of('HEAD', '/v1/referrals/3f1c')).toBe('/v1/referrals/:id');
  });

  it('name everything else "unmatched" (or the docs), so unknown paths never add series', () => {
    expect(routes.of('POST', '/v1/referrals/3f1c')).toBe('unmatched');
    expect(routes.of('GET', '/wp-admin/../../etc/passwd')).toBe('unmatched');
    expect(routes.of('GET', '/docs/swagger-ui.css')).toBe('/docs/*');
  });

  it('label unusual methods as OTHER', () => {
    expect(['GET', 'PROPFIND', 'post'].map(methodLabel)).toEqual(['GET', 'OTHER', 'OTHER']);
  });
});
