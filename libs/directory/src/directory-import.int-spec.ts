import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { readFeed } from './directory-import';

/** A feed server on 127.0.0.1: `pages` pages of services, or pages that never say they are the last. */
async function feed(pages: number | 'endless'): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const n = Number(url.searchParams.get('page'));
    const last = pages !== 'endless' && n >= pages;
    res.setHeader('Content-Type', 'application/json');
    res.end(
      JSON.stringify({
        total_items: pages === 'endless' ? 1e9 : pages,
        page_number: n,
        last_page: last,
        contents:
          url.pathname === '/api/services' ? [{ id: `s-${n}`, name: `Service ${n}`, status: 'active' }] : [],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/api`, server };
}

describe('reading an ORUK/HSDS feed over HTTP', () => {
  it('reads every page of /services until the last', async () => {
    const { url, server } = await feed(3);
    try {
      expect((await readFeed(url)).map((s) => (s as { id: string }).id)).toEqual(['s-1', 's-2', 's-3']);
    } finally {
      server.close();
    }
  });

  it('stops a feed whose pages never end, saying so', async () => {
    const { url, server } = await feed('endless');
    try {
      await expect(readFeed(url, 5)).rejects.toThrow('The feed did not end within 5 pages');
    } finally {
      server.close();
    }
  });
});
