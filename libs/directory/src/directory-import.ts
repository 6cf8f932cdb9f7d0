import { readFileSync } from 'node:fs';
import { checkService } from './check-service';
import type { DirectoryStore } from './directory-editing';
import type { UpsertOutcome } from './directory.store';
import { normalisePostcode } from './geo';
import type { HsdsService } from './hsds.types';
import { contentHash } from './service-index';

export type ImportLine = { id: string | null; outcome: UpsertOutcome | 'rejected'; reason?: string };
export type ImportReport = {
  added: number;
  changed: number;
  unchanged: number;
  rejected: number;
  lines: ImportLine[];
};

const MAX_PAGES = 10_000;
/** Services written per transaction: one commit per batch, and an interrupted import loses at most one batch. */
const BATCH = 200;

/** The services of a feed document: an array of services, or an HSDS page whose `contents` are services. */
export function servicesOf(document: unknown): unknown[] {
  if (Array.isArray(document)) return document;
  const contents = (document as { contents?: unknown } | null)?.contents;
  if (Array.isArray(contents)) return contents;
  throw new Error('The feed is neither a JSON array of services nor an HSDS page with `contents`');
}

/**
 * Imports services into the directory, each checked on its own and the valid ones upserted by id in
 * batches of `BATCH` per transaction: a valid service is never dropped because another is invalid,
 * re-running changes nothing, and an interrupted import resumes by running it again (a batch is written
 * whole or not at all). Two services with one id and different content: the later is refused.
 */
export async function importServices(
  store: DirectoryStore,
  services: readonly unknown[],
  context: { actor: string; now: () => string },
): Promise<ImportReport> {
  const known = await store.knownTermIds();
  const seen = new Map<string, string>();
  const lines: ImportLine[] = [];
  let batch: { service: HsdsService; line: ImportLine }[] = [];
  const flush = async () => {
    const outcomes = await store.upsertServices(
      batch.map((b) => b.service),
      context.actor,
      context.now(),
    );
    batch.forEach((b, i) => (b.line.outcome = outcomes[i]!));
    batch = [];
  };
  for (const value of services) {
    const id =
      typeof (value as { id?: unknown } | null)?.id === 'string' ? (value as { id: string }).id : null;
    const { service, problems } = checkService(value, known);
    if (!service) {
      lines.push({ id, outcome: 'rejected', reason: problems.join('; ') });
      continue;
    }
    const hash = contentHash(service);
    const earlier = seen.get(service.id);
    if (earlier !== undefined && earlier !== hash) {
      lines.push({ id, outcome: 'rejected', reason: 'the feed holds this id twice with different content' });
      continue;
    }
    seen.set(service.id, hash);
    const line: ImportLine = { id, outcome: 'unchanged' };
    lines.push(line);
    batch.push({ service, line });
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length) await flush();
  const count = (o: ImportLine['outcome']) => lines.filter((l) => l.outcome === o).length;
  return {
    added: count('added'),
    changed: count('changed'),
    unchanged: count('unchanged'),
    rejected: count('rejected'),
    lines,
  };
}

/** Reads a feed: a JSON file, or an ORUK/HSDS API's paged `/services` (every page, up to a bound). */
export async function readFeed(source: string, maxPages = MAX_PAGES): Promise<unknown[]> {
  if (!/^https?:\/\//.test(source)) return servicesOf(JSON.parse(readFileSync(source, 'utf8')));
  const services: unknown[] = [];
  for (let n = 1; n <= maxPages; n += 1) {
    const url = new URL(source);
    if (!url.pathname.endsWith('/services')) url.pathname = `${url.pathname.replace(/\/$/, '')}/services`;
    url.searchParams.set('page', String(n));
    url.searchParams.set('per_page', url.searchParams.get('per_page') ?? '100');
    const res = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`${url.origin}${url.pathname} page ${n} answered ${res.status}`);
    const body = (await res.json()) as { contents?: unknown; last_page?: unknown; total_pages?: unknown };
    const contents = servicesOf(body);
    services.push(...contents);
    const last =
      body.last_page === true ||
      contents.length === 0 ||
      (typeof body.total_pages === 'number' && n >= body.total_pages);
    if (last) return services;
  }
  throw new Error(`The feed did not end within ${maxPages} pages; import it in parts`);
}

/** Postcode centroids from an ONS Postcode Directory style CSV (pcds or pcd, lat, long columns). */
export function readPostcodeCsv(text: string): {
  rows: { postcode: string; latitude: number; longitude: number }[];
  skipped: number;
} {
  const [header, ...lines] = text.split(/\r?\n/).filter((l) => l.trim());
  const columns = (header ?? '').split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  const at = (names: string[]) => columns.findIndex((c) => names.includes(c));
  const pc = at(['pcds', 'postcode', 'pcd']);
  const lat = at(['lat', 'latitude']);
  const lng = at(['long', 'lng', 'longitude']);
  if (pc < 0 || lat < 0 || lng < 0)
    throw new Error('The CSV needs a postcode (pcds), a lat and a long column');
  const rows: { postcode: string; latitude: number; longitude: number }[] = [];
  let skipped = 0;
  for (const line of lines) {
    const cells = line.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    const latitude = Number(cells[lat]);
    const longitude = Number(cells[lng]);
    const postcode = normalisePostcode(cells[pc] ?? '');
    if (
      !postcode ||
      !Number.isFinite(latitude) ||
      !Number.isFinite(longitude) ||
      Math.abs(latitude) > 90 ||
      Math.abs(longitude) > 180
    ) {
      skipped += 1;
      continue;
    }
    rows.push({ postcode, latitude, longitude });
  }
  return { rows, skipped };
}
