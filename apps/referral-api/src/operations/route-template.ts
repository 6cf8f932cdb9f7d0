/** What of a request names its route: Fastify's matched route template, if any, and the URL. */
export type RoutedRequest = { readonly url: string; readonly routeOptions: { readonly url?: string } };

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Bounded method label: unusual methods share one label rather than growing the series. */
export function methodLabel(method: string): string {
  return KNOWN_METHODS.has(method) ? method : 'OTHER';
}

/**
 * Names a request by its route template (`/v1/referrals/:id/sessions`), never its raw URL, so metric
 * labels stay few and carry no ids. Fastify routes before any hook runs, so even a request refused
 * early (415, 413, 429) has its template; an unknown path is `unmatched`, the API docs are `/docs/*`.
 */
export function routeLabel(req: RoutedRequest): string {
  const template = req.routeOptions.url;
  if (template !== undefined && !template.startsWith('/docs')) return template;
  const path = pathOf(req.url);
  if (path === '/docs' || path.startsWith('/docs/') || path.startsWith('/docs-')) return '/docs/*';
  return 'unmatched';
}

/** The path of a request URL, without its query. */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
