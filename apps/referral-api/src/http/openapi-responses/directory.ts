import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { arrayOf, boolean, count, integer, json, number, objectOf, text, uuid } from './primitives';
import type { ResponseSpec } from './primitives';
import { REPORTED_ISSUE } from './directory-editing';

const HSDS = 'HSDS 3.0 (libs/directory/src/hsds/schemas)';

/** An HSDS entity: its id and name; the rest as the HSDS 3.0 schema named describes it. */
const entity = (name: string, extra: Record<string, SchemaObject> = {}): SchemaObject => ({
  ...objectOf({ id: uuid, ...extra }),
  additionalProperties: true,
  description: `An HSDS 3.0 ${name} (${HSDS}, ${name}.json): every field of that schema may appear`,
});

const SERVICE = entity('service', {
  name: text,
  status: { type: 'string', enum: ['active', 'inactive', 'defunct', 'temporarily closed'] },
});
const SERVICE_HIT: SchemaObject = {
  allOf: [
    SERVICE,
    {
      type: 'object',
      properties: {
        distance: { ...number, description: 'Metres from the place asked about' },
        stale: {
          ...boolean,
          description: 'Not assured within DIRECTORY_FRESHNESS_MONTHS (an extension to HSDS)',
        },
        reported_issues: arrayOf(
          REPORTED_ISSUE,
          "Link workers' reports that it closed or changed, awaiting a directory editor (an extension to HSDS)",
        ),
      },
    },
  ],
};

/** An HSDS page: the API reference's `Page` with its `contents`. */
const pageOf = (item: SchemaObject): SchemaObject =>
  objectOf({
    total_items: count,
    total_pages: { ...integer, minimum: 1 },
    page_number: { ...integer, minimum: 1 },
    size: count,
    first_page: boolean,
    last_page: boolean,
    empty: boolean,
    contents: arrayOf(item),
  });

const ID = '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const SERVICE_EXAMPLE = {
  id: ID,
  name: 'Riverside Juniors Football Club',
  status: 'active',
  description: 'Weekly football for 8 to 12 year olds',
  minimum_age: 8,
  maximum_age: 12,
};
const pageExample = (contents: unknown[]) => ({
  total_items: contents.length,
  total_pages: 1,
  page_number: 1,
  size: contents.length,
  first_page: true,
  last_page: true,
  empty: contents.length === 0,
  contents,
});
const ORG = { id: ID, name: 'Riverside Sports Trust', description: 'Community sport' };
const TAXONOMY = { id: ID, name: 'Needs', description: 'The needs a referral names' };
const TERM = { id: ID, code: 'anxiety', name: 'Anxiety', description: 'Anxiety' };
const SAL = {
  id: ID,
  service_id: ID,
  location: { id: ID, location_type: 'physical', latitude: 54.05, longitude: -2.8 },
};

const SUGGESTION = objectOf(
  {
    service: {
      ...objectOf({ id: uuid, name: text }),
      additionalProperties: true,
      description: 'The service: name, description, organisation, ages, assured date',
    },
    distance: { ...number, description: "Metres from the young person's postcode" },
    needsMet: arrayOf(text),
    goalsServed: arrayOf(uuid),
    stale: {
      ...boolean,
      description: 'Not assured within DIRECTORY_FRESHNESS_MONTHS (shown only with include_stale)',
    },
    reportedIssues: arrayOf(REPORTED_ISSUE, "Link workers' reports awaiting a directory editor"),
    why: arrayOf(text),
  },
  { optional: ['distance'] },
);
const SUGGESTIONS = objectOf({
  referralId: uuid,
  ageYears: count,
  reasons: arrayOf(text),
  place: objectOf({ postcodeKnown: boolean, proximity: { ...integer, nullable: true } }),
  freshSince: { type: 'string', format: 'date' },
  suggestions: arrayOf(SUGGESTION),
});

const PRESCRIPTION_RESULT = objectOf(
  { id: uuid, version: { ...integer, minimum: 1 }, status: text, prescriptionId: uuid },
  { closed: true },
);

/** Success responses of the community directory (HSDS 3.0 read API). */
export const DIRECTORY_RESPONSES: Record<string, ResponseSpec[]> = {
  prescribeService: [
    json(
      200,
      'Prescribed: the referral, its new version and status, and the prescription id',
      PRESCRIPTION_RESULT,
      {
        id: ID,
        version: 7,
        status: 'active',
        prescriptionId: ID,
      },
    ),
  ],
  recordUptake: [
    json(
      200,
      'Recorded: the referral, its new version and status, and the prescription id',
      PRESCRIPTION_RESULT,
      {
        id: ID,
        version: 8,
        status: 'active',
        prescriptionId: ID,
      },
    ),
  ],
  suggestServices: [
    json(200, 'Suggested services, best first, each with why it matched', SUGGESTIONS, {
      referralId: ID,
      ageYears: 12,
      reasons: ['anxiety'],
      place: { postcodeKnown: true, proximity: 8000 },
      freshSince: '2026-06-06',
      suggestions: [
        {
          service: { id: ID, name: 'Kestrel Counselling for 11 to 18s', minimum_age: 11, maximum_age: 18 },
          distance: 84,
          needsMet: ['anxiety'],
          goalsServed: [],
          stale: false,
          reportedIssues: [],
          why: [
            'Open to age 12 (ages 11-18)',
            'Meets a reason for referral: anxiety',
            "0.1 km from the young person's postcode",
          ],
        },
      ],
    }),
  ],
  directoryRoot: [
    json(200, 'The HSDS version and profile', objectOf({ version: text, profile: text, openapi_url: text }), {
      version: '3.0',
      profile: 'https://openreferraluk.org/',
      openapi_url: '/docs-json',
    }),
  ],
  directoryServices: [
    json(
      200,
      'A page of services (nearest first when a place is given)',
      pageOf(SERVICE_HIT),
      pageExample([{ ...SERVICE_EXAMPLE, distance: 420, stale: false, reported_issues: [] }]),
    ),
  ],
  directoryService: [
    json(200, 'The service, fully nested, flagged `stale` when not assured recently', SERVICE_HIT, {
      ...SERVICE_EXAMPLE,
      stale: false,
      reported_issues: [{ kind: 'changed', reported_at: '2026-12-02T09:00:00.000Z' }],
    }),
  ],
  directoryOrganizations: [
    json(200, 'A page of organisations', pageOf(entity('organization', { name: text })), pageExample([ORG])),
  ],
  directoryOrganization: [json(200, 'The organisation', entity('organization', { name: text }), ORG)],
  directoryServiceAtLocations: [
    json(200, 'A page of services at locations', pageOf(entity('service_at_location')), pageExample([SAL])),
  ],
  directoryServiceAtLocation: [json(200, 'The service at a location', entity('service_at_location'), SAL)],
  directoryTaxonomies: [
    json(200, 'A page of taxonomies', pageOf(entity('taxonomy', { name: text })), pageExample([TAXONOMY])),
  ],
  directoryTaxonomy: [json(200, 'The taxonomy', entity('taxonomy', { name: text }), TAXONOMY)],
  directoryTaxonomyTerms: [
    json(
      200,
      'A page of taxonomy terms',
      pageOf(entity('taxonomy_term', { name: text })),
      pageExample([TERM]),
    ),
  ],
  directoryTaxonomyTerm: [json(200, 'The taxonomy term', entity('taxonomy_term', { name: text }), TERM)],
};
