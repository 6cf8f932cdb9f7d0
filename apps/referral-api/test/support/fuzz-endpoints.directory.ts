import fc from 'fast-check';
import type { FuzzEndpoint } from './fuzz-endpoints';
import { maybe, text } from './fuzz-endpoints.pathway';
import { junk } from './fuzz-inputs';

const num = fc.oneof(fc.integer({ min: -5, max: 200_000 }).map(String), fc.double().map(String), text(0, 6));
const query = (fields: Record<string, fc.Arbitrary<string | undefined>>) =>
  fc
    .record(fields)
    .map(
      (q) =>
        Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Record<string, string>,
    );
const paging = { page: maybe(num), per_page: maybe(num) };
const reader: FuzzEndpoint['roles'] = ['link_worker', 'commissioner'];

/** The community directory's HSDS read API: filters at and beyond their bounds. */
const care: FuzzEndpoint['roles'] = ['link_worker', 'service_manager'];
const when = maybe(fc.oneof(fc.constant('2030-01-01T00:00:00Z'), text(0, 12)));

/** An HSDS service body: valid-looking or broken at the rules the directory checks. */
const hsdsService = fc.record({
  id: maybe(fc.oneof(fc.uuid(), text(0, 260))),
  name: maybe(text(0, 300)),
  status: maybe(
    fc.oneof(fc.constantFrom('active', 'inactive', 'defunct', 'temporarily closed'), text(0, 12)),
  ),
  minimum_age: maybe(fc.oneof(fc.integer({ min: -5, max: 130 }), fc.double(), text(0, 4))),
  maximum_age: maybe(fc.oneof(fc.integer({ min: -5, max: 130 }), fc.double(), text(0, 4))),
  assured_date: maybe(fc.oneof(fc.constant('2026-11-30'), text(0, 12))),
  attributes: maybe(fc.array(fc.record({ id: fc.uuid(), taxonomy_term_id: text(0, 40) }), { maxLength: 3 })),
});
const editor: FuzzEndpoint['roles'] = ['directory_editor'];

/** Editing the directory and link workers' reports of closed or changed services. */
const EDITING: FuzzEndpoint[] = [
  {
    name: 'add directory service',
    method: 'POST',
    path: '/v1/directory/services',
    roles: editor,
    body: fc.oneof(junk, hsdsService),
  },
  {
    name: 'replace directory service',
    method: 'PUT',
    path: '/v1/directory/services/:serviceId',
    roles: editor,
    body: fc.oneof(junk, hsdsService),
  },
  {
    name: 'directory service history',
    method: 'GET',
    path: '/v1/directory/services/:serviceId/history',
    roles: ['directory_editor', 'service_manager'],
  },
  {
    name: 'report directory service',
    method: 'POST',
    path: '/v1/directory/services/:serviceId/reports',
    roles: care,
    body: fc.oneof(
      junk,
      fc.record({
        kind: fc.oneof(fc.constantFrom('closed', 'changed'), text(0, 10)),
        detail: maybe(text(0, 1010)),
      }),
    ),
  },
  {
    name: 'directory reports',
    method: 'GET',
    path: '/v1/directory/reports',
    roles: ['directory_editor', 'service_manager'],
    query: query({
      status: maybe(fc.oneof(fc.constantFrom('open', 'all'), text(0, 6))),
      service_id: maybe(text(0, 260)),
    }),
  },
  {
    name: 'resolve directory report',
    method: 'POST',
    path: '/v1/directory/reports/:reportId/resolve',
    roles: editor,
    body: fc.oneof(
      junk,
      fc.record({
        outcome: fc.oneof(fc.constantFrom('closed', 'updated', 'no_change'), text(0, 10)),
        note: maybe(text(0, 1010)),
      }),
    ),
  },
];

export const DIRECTORY_ENDPOINTS: FuzzEndpoint[] = [
  {
    name: 'prescribe service',
    method: 'POST',
    path: '/v1/referrals/:id/prescriptions',
    roles: care,
    command: true,
    body: fc.oneof(
      junk,
      fc.record({
        id: maybe(fc.oneof(fc.uuid(), text(0, 40))),
        serviceId: fc.oneof(fc.uuid(), text(0, 260)),
        goalIds: maybe(fc.array(text(0, 110), { maxLength: 4 })),
        note: maybe(text(0, 2010)),
        at: when,
      }),
    ),
  },
  {
    name: 'record uptake',
    method: 'POST',
    path: '/v1/referrals/:id/prescriptions/:prescriptionId/uptake',
    roles: care,
    command: true,
    body: fc.oneof(
      junk,
      fc.record({
        status: fc.oneof(
          fc.constantFrom('attended', 'did_not_attend', 'declined', 'still_attending'),
          text(0, 12),
        ),
        startedOn: maybe(fc.oneof(fc.constant('2026-11-01'), text(0, 12))),
        endedOn: maybe(fc.oneof(fc.constant('2026-10-01'), text(0, 12))),
        feedbackScore: maybe(fc.oneof(fc.integer({ min: -2, max: 12 }), fc.double())),
        feedback: maybe(text(0, 2010)),
        at: when,
      }),
    ),
  },
  { name: 'directory root', method: 'GET', path: '/directory', roles: reader },
  {
    name: 'directory services',
    method: 'GET',
    path: '/directory/services',
    roles: reader,
    query: query({
      ...paging,
      search: maybe(text(0, 40)),
      age: maybe(num),
      minimum_age: maybe(num),
      maximum_age: maybe(num),
      postcode: maybe(fc.oneof(fc.constantFrom('LA1 1AA', 'ZZ9 9ZZ', 'la11aa'), text(0, 10))),
      lat: maybe(num),
      lng: maybe(num),
      proximity: maybe(num),
      modified_after: maybe(fc.oneof(fc.constant('2026-01-01T00:00:00Z'), text(0, 12))),
      taxonomy_term_id: maybe(text(0, 40)),
    }),
  },
  { name: 'directory service', method: 'GET', path: '/directory/services/:id', roles: reader },
  {
    name: 'directory organizations',
    method: 'GET',
    path: '/directory/organizations',
    roles: reader,
    query: query(paging),
  },
  { name: 'directory organization', method: 'GET', path: '/directory/organizations/:id', roles: reader },
  {
    name: 'directory service at locations',
    method: 'GET',
    path: '/directory/service_at_locations',
    roles: reader,
    query: query({ ...paging, postcode: maybe(text(0, 10)), proximity: maybe(num) }),
  },
  {
    name: 'directory service at location',
    method: 'GET',
    path: '/directory/service_at_locations/:id',
    roles: reader,
  },
  {
    name: 'directory taxonomies',
    method: 'GET',
    path: '/directory/taxonomies',
    roles: reader,
    query: query(paging),
  },
  { name: 'directory taxonomy', method: 'GET', path: '/directory/taxonomies/:id', roles: reader },
  {
    name: 'directory taxonomy terms',
    method: 'GET',
    path: '/directory/taxonomy_terms',
    roles: reader,
    query: query({ ...paging, taxonomy_id: maybe(text(0, 40)) }),
  },
  { name: 'directory taxonomy term', method: 'GET', path: '/directory/taxonomy_terms/:id', roles: reader },
  {
    name: 'suggested services',
    method: 'GET',
    path: '/v1/referrals/:id/suggested-services',
    roles: ['link_worker', 'service_manager'],
    query: query({
      proximity: maybe(num),
      include_stale: maybe(fc.oneof(fc.constantFrom('true', 'false'), text(0, 6))),
      limit: maybe(num),
    }),
  },
  ...EDITING,
];
