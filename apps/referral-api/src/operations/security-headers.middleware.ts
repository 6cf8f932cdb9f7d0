import type { NextFunction, Request, Response } from 'express';

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

const isDashboard = (path: string) => path === '/dashboard' || path.startsWith('/dashboard/');
const isDocs = (path: string) => path === '/docs' || path.startsWith('/docs/') || path.startsWith('/docs-');

/**
 * Security headers on every response (what helmet would set, by hand). API responses may carry a
 * child's personal data, so nothing stores them: `Cache-Control: no-store`.
 */
export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  const docs = isDocs(req.path);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  res.setHeader(
    'Content-Security-Policy',
    docs ? DOCS_POLICY : isDashboard(req.path) ? DASHBOARD_POLICY : API_POLICY,
  );
  if (!docs) res.setHeader('Cache-Control', 'no-store');
  next();
}
