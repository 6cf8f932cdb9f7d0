import { randomUUID } from 'node:crypto';
import { openSqliteDatabase } from '@app/read-models';
import { DirectoryStore } from './directory-editing';
import { migrateDirectoryStore } from './open-directory';
import type { DirectoryTables } from './directory.tables';
import { importServices } from './directory-import';
import { servicePageJson } from './directory.queries';
import type { HsdsService } from './hsds.types';

const ids = new Map<string, string>();
/** A stable UUID per name (HSDS ids are UUIDs). */
const u = (name: string): string => ids.get(name) ?? (ids.set(name, randomUUID()), ids.get(name)!);
const address = (id: string) => ({
  id: u(`address-${id}`),
  address_1: '1 Market Street',
  city: 'Lancaster',
  state_province: 'Lancashire',
  postal_code: 'LA1 1AA',
  country: 'GB',
  address_type: 'physical',
});
const NEEDS = { id: u('needs'), name: 'Needs', description: 'Needs a referral names' };
const term = (id: string) => ({
  id: u(id),
  code: id,
  name: id,
  description: id,
  taxonomy_id: u('needs'),
  taxonomy_detail: NEEDS,
});
const service = (
  id: string,
  over: Partial<HsdsService> & { lat?: number; lng?: number; terms?: string[] } = {},
): HsdsService => {
  const { lat = 54.05, lng = -2.8, terms = ['anxiety'], ...rest } = over;
  return {
    id: u(id),
    name: `Service ${id}`,
    status: 'active',
    description: 'A weekly group',
    minimum_age: 8,
    maximum_age: 16,
    organization: { id: u('org-1'), name: 'Org', description: 'An organisation' },
    service_at_locations: [
      {
        id: u(`sal-${id}`),
        location: {
          id: u(`loc-${id}`),
          location_type: 'physical',
          latitude: lat,
          longitude: lng,
          addresses: [address(id)],
        },
      },
    ],
    attributes: terms.map((t) => ({
      id: u(`attr-${id}-${t}`),
      link_type: 'need',
      link_entity: 'service',
      taxonomy_term: term(t),
    })),
    ...rest,
  };
};

async function store() {
  const db = openSqliteDatabase<DirectoryTables>(':memory:');
  await migrateDirectoryStore(db);
  return new DirectoryStore(db);
}
const ctx = { actor: 'tester', now: () => '2026-12-01T10:00:00.000Z' };
const all = { page: 1, perPage: 50 };

describe('the directory store', () => {
  it('adds a service, recognises the same content again, records a change with who, when and the content before', async () => {
    const s = await store();
    expect(await s.upsertService(service('a'), 'editor-1', '2026-12-01T10:00:00.000Z')).toBe('added');
    expect(await s.upsertService(service('a'), 'editor-1', '2026-12-01T11:00:00.000Z')).toBe('unchanged');
    expect(
      await s.upsertService(service('a', { name: 'Renamed' }), 'editor-2', '2026-12-02T10:00:00.000Z'),
    ).toBe('changed');
    const history = await s.history('service', u('a'));
    expect(history.map((h) => [h.action, h.actor, h.at])).toEqual([
      ['added', 'editor-1', '2026-12-01T10:00:00.000Z'],
      ['changed', 'editor-2', '2026-12-02T10:00:00.000Z'],
    ]);
    expect(JSON.parse(history[1]!.previous_doc!).name).toBe('Service a');
    expect((await s.service(u('a')))?.name).toBe('Renamed');
  });

  it('filters by age, taxonomy term, text and distance, nearest first', async () => {
    const s = await store();
    await s.upsertService(service('near', { lat: 54.05, lng: -2.8 }), 'x', ctx.now());
    await s.upsertService(service('far', { lat: 54.2, lng: -2.8, terms: ['sleep'] }), 'x', ctx.now());
    await s.upsertService(
      service('older', { minimum_age: 16, maximum_age: 25, lat: 54.051 }),
      'x',
      ctx.now(),
    );
    const names = new Map([...ids.entries()].map(([k, v]) => [v, k]));
    const found = async (filter: Parameters<DirectoryStore['services']>[0]) =>
      (await s.services(filter, all)).contents.map((c) => names.get(c.id));
    expect(await found({ age: 12 })).toEqual(['far', 'near']);
    expect(await found({ taxonomyTermId: u('sleep') })).toEqual(['far']);
    expect(await found({ search: 'service NEAR' })).toEqual(['near']);
    expect(await found({ near: { latitude: 54.0502, longitude: -2.8, proximity: 2000 } })).toEqual([
      'near',
      'older',
    ]);
    const page = await s.services(
      { near: { latitude: 54.05, longitude: -2.8, proximity: 50_000 } },
      { page: 1, perPage: 2 },
    );
    expect(page).toMatchObject({
      total_items: 3,
      total_pages: 2,
      page_number: 1,
      size: 2,
      first_page: true,
      last_page: false,
      empty: false,
    });
    expect(page.contents[0]!.distance).toBe(0);
  });

  it('splices stored documents into a page as JSON text equal to the parsed page, with the reader fields once', async () => {
    const s = await store();
    // A feed may carry fields the API adds itself: they are not stored, so the answer never holds them twice.
    const carried = {
      ...service('spliced', { description: 'Quote " and \\ and é' }),
      stale: 'x',
      distance: 9,
    };
    await s.upsertService(carried, 'x', ctx.now());
    await s.upsertService(service('plain', { lat: 54.06 }), 'x', ctx.now());
    const filter = { near: { latitude: 54.05, longitude: -2.8, proximity: 5000 } };
    const text = servicePageJson(await s.storedServices(filter, all), (hit) => ({
      stale: hit.id === u('plain'),
      reported_issues: [],
    }));
    expect(text.match(/"stale":/g)).toHaveLength(2);
    expect(text.match(/"distance":/g)).toHaveLength(2);
    const parsed = JSON.parse(text) as { contents: Record<string, unknown>[] };
    const expected = await s.services(filter, all);
    expect(parsed).toEqual({
      ...expected,
      contents: expected.contents.map((c) => ({ ...c, stale: c.id === u('plain'), reported_issues: [] })),
    });
    expect(parsed.contents[0]).toMatchObject({ description: 'Quote " and \\ and é', distance: 0 });
  });

  it('imports valid services whatever else the feed holds, and says why each refused one was refused', async () => {
    const s = await store();
    const names = new Map<string, string>();
    const report = await importServices(
      s,
      [
        service('ok'),
        service('ages', { minimum_age: 12, maximum_age: 8 }),
        service('where', { lat: 123 }),
        { ...service('term'), attributes: [{ id: u('x'), taxonomy_term_id: u('no-such-term') }] },
        { id: u('bare') },
        service('ok', { name: 'Same id, other content' }),
      ],
      ctx,
    );
    for (const [k, v] of ids) names.set(v, k);
    expect(report).toMatchObject({ added: 1, rejected: 5 });
    expect(report.lines.map((l) => [names.get(l.id!), l.outcome, l.reason])).toEqual([
      ['ok', 'added', undefined],
      ['ages', 'rejected', 'minimum_age is greater than maximum_age'],
      ['where', 'rejected', expect.stringContaining('invalid coordinates')],
      ['term', 'rejected', 'attributes[0].taxonomy_term_id names an unknown taxonomy term'],
      ['bare', 'rejected', expect.stringContaining("must have required property 'name'")],
      ['ok', 'rejected', 'the feed holds this id twice with different content'],
    ]);
    const again = await importServices(s, [service('ok')], ctx);
    expect(again).toMatchObject({ added: 0, changed: 0, unchanged: 1, rejected: 0 });
  });

  it("guards editors' writes by existence and version, in the same transaction as the write", async () => {
    const s = await store();
    const refused = (p: Promise<unknown>) =>
      p.then(
        () => 'written',
        (e: { code?: string }) => e.code,
      );
    expect(await refused(s.upsertService(service('e'), 'ed', ctx.now(), { mustExist: true }))).toBe(
      'DIRECTORY.SERVICE_NOT_FOUND',
    );
    expect(await s.upsertService(service('e'), 'ed', ctx.now(), { mustNotExist: true })).toBe('added');
    expect(await refused(s.upsertService(service('e'), 'ed', ctx.now(), { mustNotExist: true }))).toBe(
      'DIRECTORY.SERVICE_EXISTS',
    );
    expect(await s.serviceVersion(u('e'))).toBe(1);
    const renamed = service('e', { name: 'Renamed' });
    expect(await refused(s.upsertService(renamed, 'ed', ctx.now(), { expectedVersion: 0 }))).toBe(
      'HTTP.STALE_VERSION',
    );
    expect((await s.service(u('e')))?.name).toBe('Service e');
    expect(await s.upsertService(renamed, 'ed', ctx.now(), { mustExist: true, expectedVersion: 1 })).toBe(
      'changed',
    );
    expect(await s.serviceVersion(u('e'))).toBe(2);
  });

  it("keeps link workers' reports open until an editor resolves them; closing marks the service inactive", async () => {
    const s = await store();
    await s.upsertService(service('club'), 'ed', ctx.now());
    await s.upsertService(service('choir'), 'ed', ctx.now());
    const closed = await s.reportService({
      serviceId: u('club'),
      kind: 'closed',
      detail: 'Hall shut in November',
      actor: 'lw-1',
      now: '2026-12-02T09:00:00.000Z',
    });
    const changed = await s.reportService({
      serviceId: u('choir'),
      kind: 'changed',
      actor: 'lw-2',
      now: ctx.now(),
    });
    expect(await s.openIssues([u('club'), u('choir')])).toEqual(
      new Map([
        [u('club'), [{ kind: 'closed', reported_at: '2026-12-02T09:00:00.000Z' }]],
        [u('choir'), [{ kind: 'changed', reported_at: ctx.now() }]],
      ]),
    );
    const resolved = await s.resolveReport(closed.id, {
      outcome: 'closed',
      note: 'Confirmed with the club',
      actor: 'ed-1',
      now: '2026-12-03T10:00:00.000Z',
    });
    expect(resolved.resolution).toEqual({
      outcome: 'closed',
      note: 'Confirmed with the club',
      by: 'ed-1',
      at: '2026-12-03T10:00:00.000Z',
    });
    expect((await s.service(u('club')))?.status).toBe('inactive');
    expect((await s.history('service', u('club'))).at(-1)).toMatchObject({
      actor: 'ed-1',
      action: 'changed',
    });
    await expect(
      s.resolveReport(closed.id, { outcome: 'no_change', actor: 'ed-1', now: ctx.now() }),
    ).rejects.toMatchObject({ code: 'DIRECTORY.REPORT_RESOLVED' });
    await s.resolveReport(changed.id, {
      outcome: 'no_change',
      actor: 'ed-1',
      now: '2026-12-04T10:00:00.000Z',
    });
    expect((await s.service(u('choir')))?.assured_date).toBe('2026-12-04');
    expect(await s.openIssues([u('club'), u('choir')])).toEqual(new Map());
    expect((await s.serviceReports({ open: false })).map((r) => r.kind)).toEqual(['changed', 'closed']);
    await expect(
      s.reportService({ serviceId: u('nowhere'), kind: 'closed', actor: 'lw-1', now: ctx.now() }),
    ).rejects.toMatchObject({ code: 'DIRECTORY.SERVICE_NOT_FOUND' });
  });
});
