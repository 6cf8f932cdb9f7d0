import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

export type Asset = { body: Buffer; type: string };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The repository (or installed) root: the nearest folder above `from` holding the dashboard's pages. */
function rootAbove(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'apps', 'referral-api', 'dashboard', 'index.html'))) return dir;
    if (dirname(dir) === dir) throw new Error(`The dashboard's pages were not found above ${from}`);
  }
}

/** Third-party files served as they are published: the NHS design system's styles and Chart.js. */
const VENDOR: Record<string, string> = {
  'nhsuk-frontend.min.css': 'node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css',
  'chart.umd.min.js': 'node_modules/chart.js/dist/chart.umd.min.js',
};

/**
 * The dashboard's files, read once at start: its own pages, scripts and styles (apps/referral-api/dashboard,
 * plain files with no build step, so `npm start` serves them as they are) and the vendor files. Only
 * these names are served: a request names a file from this list, never a path.
 */
export function loadDashboardAssets(from = __dirname): Map<string, Asset> {
  const root = rootAbove(from);
  const own = join(root, 'apps', 'referral-api', 'dashboard');
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(own)) {
    const type = TYPES[extname(name)];
    if (type) assets.set(name, { body: readFileSync(join(own, name)), type });
  }
  for (const [name, path] of Object.entries(VENDOR))
    assets.set(name, { body: readFileSync(join(root, path)), type: TYPES[extname(name)]! });
  return assets;
}
