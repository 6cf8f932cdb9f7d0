/** What the router knows of a registered route: its path template and the methods it answers. */
export type RouteLayer = { route?: { path?: unknown; methods?: Record<string, boolean> } };

type Template = { path: string; methods: ReadonlySet<string>; pattern: RegExp };

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Bounded method label: unusual methods share one label rather than growing the series. */
export function methodLabel(method: string): string {
  return KNOWN_METHODS.has(method) ? method : 'OTHER';
}

/**
 * Names a request by its route template (`/v1/referrals/:id/sessions`), never its raw URL, so metric
 * labels stay few and carry no ids. Requests refused before routing (415, 413, 429) are matched against
 * the registered templates; anything else is `unmatched`.
 */
export class RouteTemplates {
  private templates?: Template[];

  constructor(private readonly layers: () => readonly RouteLayer[]) {}

  of(method: string, path: string, matchedRoute?: string): string {
    if (matchedRoute && !isWildcard(matchedRoute)) return matchedRoute;
    const wanted = method === 'HEAD' ? 'get' : method.toLowerCase();
    const found = this.all().find((t) => t.methods.has(wanted) && t.pattern.test(path));
    if (found) return found.path;
    return path === '/docs' || path.startsWith('/docs/') ? '/docs/*' : 'unmatched';
  }

  private all(): Template[] {
    if (this.templates) return this.templates;
    const templates = this.layers().flatMap((layer): Template[] => {
      const path = layer.route?.path;
      if (typeof path !== 'string' || isWildcard(path)) return [];
      const methods = new Set(
        Object.keys(layer.route?.methods ?? {}).filter((m) => layer.route?.methods?.[m]),
      );
      return [{ path, methods, pattern: toPattern(path) }];
    });
    // Routes are registered when the app initialises; until then there is nothing to cache.
    if (templates.length > 0) this.templates = templates;
    return templates;
  }
}

const isWildcard = (path: string) => path.includes('*') || path.includes('{');

function toPattern(template: string): RegExp {
  const source = template
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.+?^$()[\]\\|]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}
