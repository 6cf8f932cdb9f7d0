/**
 * For Jest only. @fastify/static, which serves the API docs' assets, requires content-disposition 3,
 * an ES module: Node 20 loads it natively, Jest's CommonJS runtime cannot. It is used only for
 * `reply.download()`, which the API never calls, so under Jest this stands in for its `create`.
 */
function create(filename) {
  const name = String(filename ?? '').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return name ? `attachment; filename="${name}"` : 'attachment';
}

module.exports = { create };
