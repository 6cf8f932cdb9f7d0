import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../lib/child';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };
type Location = Obj & { id: string; latitude: number; longitude: number };
type Service = Obj & {
  id: string;
  organization: Obj & { id: string };
  service_at_locations: (Obj & { location: Location })[];
  attributes: (Obj & { taxonomy_term: Obj & { id: string; code: string; taxonomy: string } })[];
};

const DATA = join(ROOT, 'libs', 'directory', 'data');
const NEEDS_URI = 'https://cyp-social-prescribing.nhs.example/taxonomy/needs';
/** The synthetic directory's town (Lancaster), and how far around it the cloned venues spread. */
export const TOWN = { latitude: 54.047, longitude: -2.8 };
const SPREAD_M = 5_000;
const METRES_PER_DEGREE = 111_195;

/** A UUID (version 5 layout) made from `seed`: the same seed always gives the same id. */
export function uuidOf(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A seeded generator of numbers in [0, 1) (mulberry32), so every run builds the same feed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A point uniformly within `metres` of `centre`. */
export function around(
  centre: { latitude: number; longitude: number },
  metres: number,
  random: () => number,
) {
  const r = metres * Math.sqrt(random());
  const angle = 2 * Math.PI * random();
  const dLat = (r * Math.cos(angle)) / METRES_PER_DEGREE;
  const dLng = (r * Math.sin(angle)) / (METRES_PER_DEGREE * Math.cos((centre.latitude * Math.PI) / 180));
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return { latitude: round(centre.latitude + dLat), longitude: round(centre.longitude + dLng) };
}

/** A deep copy with every id in `ids` replaced by one derived from `scope` (ids elsewhere kept as they are). */
function remap<T extends Json>(value: T, ids: ReadonlySet<string>, scope: string): T {
  if (typeof value === 'string') return (ids.has(value) ? uuidOf(`${scope}/${value}`) : value) as T;
  if (Array.isArray(value)) return value.map((v) => remap(v, ids, scope)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, remap(v, ids, scope)])) as T;
  return value;
}

/** Every `id` in the value, except those of taxonomies and their terms (which the clones share). */
function collectIds(value: Json, into: Set<string>, shared: ReadonlySet<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) collectIds(v, into, shared);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k === 'id' && typeof v === 'string' && !shared.has(v)) into.add(v);
      else collectIds(v, into, shared);
    }
  return into;
}

export type Feed = {
  file: string;
  services: number;
  locations: number;
  organizations: number;
  bytes: number;
  /** The needs taxonomy's term ids by code: what searches filter on. */
  needTerms: Map<string, string>;
};

/**
 * An HSDS 3.0 feed of `services` services at `locations` distinct venues, cloned from the shipped synthetic
 * directory (125 services, 43 organisations, 44 venues): new deterministic ids for every service, venue,
 * organisation and nested entity; taxonomy terms shared; each clone's venue a copy of a shipped one moved to
 * a seeded random point within 5 km of the town, shared by about `services / locations` services; the
 * organisations copied once per 125 services. Written as a JSON array to `file`.
 */
export function buildFeed(file: string, services: number, locations: number): Feed {
  const base = JSON.parse(readFileSync(join(DATA, 'synthetic-directory.json'), 'utf8')) as Service[];
  const taxonomies = JSON.parse(readFileSync(join(DATA, 'synthetic-taxonomies.json'), 'utf8')) as {
    taxonomies: Obj[];
    taxonomy_terms: Obj[];
  };
  const shared = new Set([...taxonomies.taxonomies, ...taxonomies.taxonomy_terms].map((t) => t.id as string));
  const ids = collectIds(base, new Set(), shared);
  const baseVenues = [
    ...new Map(base.flatMap((s) => s.service_at_locations.map((l) => [l.location.id, l.location]))).values(),
  ];
  const random = seeded(19);
  const venues = Array.from({ length: locations }, (_, n) => {
    const venue = remap(baseVenues[n % baseVenues.length]!, ids, `location-${n}`);
    return { ...venue, ...around(TOWN, SPREAD_M, random) };
  });
  const organizations = new Set<string>();
  const feed = Array.from({ length: services }, (_, n) => {
    const copy = Math.floor(n / base.length);
    const from = base[n % base.length]!;
    const service = remap(from, ids, `service-${n}`);
    const organization = remap(from.organization, ids, `organization-${copy}`);
    organizations.add(organization.id);
    service.organization = organization;
    service.organization_id = organization.id;
    service.service_at_locations = service.service_at_locations.map((sal, i) => {
      const venue = venues[(n + i * Math.floor(locations / 2)) % locations]!;
      return { ...sal, location_id: venue.id, location: venue };
    });
    return service;
  });
  const text = JSON.stringify(feed);
  writeFileSync(file, text);
  const needTerms = new Map(
    base
      .flatMap((s) => s.attributes.map((a) => a.taxonomy_term))
      .filter((t) => t.taxonomy === NEEDS_URI)
      .map((t) => [t.code, t.id]),
  );
  const used = new Set(feed.flatMap((s) => s.service_at_locations.map((l) => l.location.id)));
  return {
    file,
    services: feed.length,
    locations: used.size,
    organizations: organizations.size,
    bytes: Buffer.byteLength(text),
    needTerms,
  };
}

/** A search as a link worker makes it: an age a referral may have, one need, a point in the town, 3 km. */
export type Search = { age: number; termId: string; latitude: number; longitude: number; proximity: number };

/** `count` seeded searches: ages 5 to 19, the needs taxonomy's terms, points within 4 km of the town. */
export function searches(feed: Feed, count: number): Search[] {
  const random = seeded(2026);
  const terms = [...feed.needTerms.values()];
  return Array.from({ length: count }, () => ({
    age: 5 + Math.floor(random() * 15),
    termId: terms[Math.floor(random() * terms.length)]!,
    ...around(TOWN, 4_000, random),
    proximity: 3_000,
  }));
}

export const searchPath = (s: Search): string =>
  `/directory/services?age=${s.age}&taxonomy_term_id=${s.termId}&lat=${s.latitude}&lng=${s.longitude}&proximity=${s.proximity}`;
