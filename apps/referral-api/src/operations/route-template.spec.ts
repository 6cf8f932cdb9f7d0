import { methodLabel, pathOf, routeLabel } from './route-template';

const request = (url: string, template?: string) => ({ url, routeOptions: { url: template } });

describe('Route templates for metric labels', () => {
  it('use the template the router matched, never the raw path', () => {
    expect(routeLabel(request('/v1/referrals/abc?x=1', '/v1/referrals/:id'))).toBe('/v1/referrals/:id');
    expect(
      routeLabel(
        request(
          '/v1/referrals/3f1c/handoffs/9a8e/acknowledge',
          '/v1/referrals/:id/handoffs/:handoffId/acknowledge',
        ),
      ),
    ).toBe('/v1/referrals/:id/handoffs/:handoffId/acknowledge');
  });

  it('name everything else "unmatched" (or the docs), so unknown paths never add series', () => {
    expect(routeLabel(request('/v1/referrals/3f1c/nothing'))).toBe('unmatched');
    expect(routeLabel(request('/wp-admin/../../etc/passwd'))).toBe('unmatched');
    expect(routeLabel(request('/docs/swagger-ui.css', '/docs/*'))).toBe('/docs/*');
    expect(routeLabel(request('/docs-json', '/docs-json'))).toBe('/docs/*');
  });

  it('label unusual methods as OTHER', () => {
    expect(['GET', 'PROPFIND', 'post'].map(methodLabel)).toEqual(['GET', 'OTHER', 'OTHER']);
  });

  it('take the path of a URL without its query', () => {
    expect(pathOf('/v1/referrals?status=received')).toBe('/v1/referrals');
    expect(pathOf('/health/live')).toBe('/health/live');
  });
});
