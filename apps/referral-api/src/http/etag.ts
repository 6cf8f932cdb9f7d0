import type { FastifyReply, FastifyRequest } from 'fastify';

/** Every response that carries a referral `version` also carries it as `ETag: "<version>"`. */
export function setVersionEtag(reply: FastifyReply, body: unknown): void {
  const version = (body as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && !reply.sent) reply.header('etag', `"${version}"`);
}

/**
 * Sets the ETag as the JSON answer is serialised: a Fastify preSerialization hook, which sees the
 * object before it becomes text, rather than a Nest interceptor (whose per-request async-context
 * binding cost more than the header is worth on the command path, docs/performance.md).
 */
export function versionEtag(
  _req: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (error: Error | null, payload?: unknown) => void,
): void {
  setVersionEtag(reply, payload);
  done(null, payload);
}
