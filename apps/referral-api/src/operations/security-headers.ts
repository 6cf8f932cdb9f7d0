import { pathOf } from './route-template';

// The API answers JSON and CSV only: nothing may be framed, run or loaded from its responses.
const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
// Swagger UI loads its scripts from here and has inline styles and data: images.
const DOCS_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

// The dashboard's own scripts and styles only, and calls back to this API: nothing inline, nothing from elsewhere.
const DASHBOARD_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
  "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

const COMMON = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
} as const;

// Built once: every response takes one of three frozen sets, with no per-request objects.
const API = Object.freeze({ ...COMMON, 'content-security-policy': API_POLICY, 'cache-control': 'no-store' });
const DASHBOARD = Object.freeze({
  ...COMMON,
  'content-security-policy': DASHBOARD_POLICY,
  'cache-control': 'no-store',
});
const DOCS = Object.freeze({ ...COMMON, 'content-security-policy': DOCS_POLICY });

const isDashboard = (path: string) => path === '/dashboard' || path.startsWith('/dashboard/');
const isDocs = (path: string) => path === '/docs' || path.startsWith('/docs/') || path.startsWith('/docs-');

/**
 * Security headers for every response (what helmet would set, by hand). API responses may carry a
 * child's personal data, so nothing stores them: `Cache-Control: no-store` (the docs may be cached).
 */
export function securityHeadersOf(url: string): Readonly<Record<string, string>> {
  if (!url.startsWith('/d')) return API;
  const path = pathOf(url);
  return isDocs(path) ? DOCS : isDashboard(path) ? DASHBOARD : API;
}
