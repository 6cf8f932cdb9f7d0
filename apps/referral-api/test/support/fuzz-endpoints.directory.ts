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
];
