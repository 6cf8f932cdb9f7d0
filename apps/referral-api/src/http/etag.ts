import type { NextFunction, Request, Response } from 'express';

/** Every response that carries a referral `version` also carries it as `ETag: "<version>"`. */
export function setVersionEtag(res: Response, body: unknown): void {
  const version = (body as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && !res.headersSent) res.setHeader('ETag', `"${version}"`);
}

/**
 * Sets the ETag as the JSON answer is written. An Express hook rather than a Nest interceptor: an
 * interceptor on every route put Nest's per-request async-context binding on the command path, which
 * cost more than the header is worth (docs/performance.md).
 */
export function versionEtag(_req: Request, res: Response, next: NextFunction): void {
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    setVersionEtag(res, body);
    return json(body);
  };
  next();
}
