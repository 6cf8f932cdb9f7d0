import { REPORT_RESOLUTIONS, SERVICE_REPORT_KINDS } from '@app/directory';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { arrayOf, dateTime, integer, json, nullable, objectOf, oneOfValues, text } from './primitives';
import type { ResponseSpec } from './primitives';

const SERVICE_ID = '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const REPORT_ID = '0b9e7c1a-5d2f-4c3b-9a8e-7f6d5c4b3a21';

/** An open report as the directory shows it on a service (no reporter, no free text). */
export const REPORTED_ISSUE = objectOf({ kind: oneOfValues(SERVICE_REPORT_KINDS), reported_at: dateTime });

const WRITE = objectOf(
  {
    id: { ...text, description: 'The service id (generated on POST when the body has none)' },
    version: { ...integer, minimum: 1, description: 'Recorded changes so far: the ETag, for If-Match' },
    outcome: oneOfValues(['added', 'changed', 'unchanged']),
  },
  { closed: true },
);

const REPORT: SchemaObject = objectOf(
  {
    id: { type: 'string', format: 'uuid' },
    serviceId: text,
    kind: oneOfValues(SERVICE_REPORT_KINDS),
    detail: nullable(text, 'What is wrong with the listing (about the service, never a young person)'),
    reportedBy: text,
    reportedAt: dateTime,
    resolution: nullable(
      objectOf({ outcome: oneOfValues(REPORT_RESOLUTIONS), note: nullable(text), by: text, at: dateTime }),
      'null while open',
    ),
  },
  { closed: true },
);

const OPEN_REPORT = {
  id: REPORT_ID,
  serviceId: SERVICE_ID,
  kind: 'closed',
  detail: 'The hall has shut',
  reportedBy: 'lw-ada',
  reportedAt: '2026-12-02T09:00:00.000Z',
  resolution: null,
};
const RESOLVED_REPORT = {
  ...OPEN_REPORT,
  resolution: {
    outcome: 'closed',
    note: 'Confirmed with the organiser',
    by: 'ed-1',
    at: '2026-12-03T10:00:00.000Z',
  },
};

/** Editing the directory and link workers' reports of closed or changed services. */
export const DIRECTORY_EDITING_RESPONSES: Record<string, ResponseSpec[]> = {
  addDirectoryService: [
    json(201, 'Added (ETag: its version)', WRITE, { id: SERVICE_ID, version: 1, outcome: 'added' }),
  ],
  replaceDirectoryService: [
    json(200, 'Replaced, or unchanged when the content is the same (ETag: its version)', WRITE, {
      id: SERVICE_ID,
      version: 2,
      outcome: 'changed',
    }),
  ],
  directoryServiceHistory: [
    json(
      200,
      "The service's recorded changes, oldest first (ETag: its version)",
      objectOf({
        serviceId: text,
        version: { ...integer, minimum: 1 },
        changes: arrayOf(
          objectOf({
            at: dateTime,
            by: text,
            action: oneOfValues(['added', 'changed']),
            previous: nullable(
              { type: 'object', additionalProperties: true },
              'The service as it was before this change (HSDS 3.0); null when added',
            ),
          }),
        ),
      }),
      {
        serviceId: SERVICE_ID,
        version: 2,
        changes: [
          { at: '2026-11-01T10:00:00.000Z', by: 'directory-import', action: 'added', previous: null },
          {
            at: '2026-12-03T10:00:00.000Z',
            by: 'ed-1',
            action: 'changed',
            previous: { id: SERVICE_ID, name: 'Riverside Juniors Football Club', status: 'active' },
          },
        ],
      },
    ),
  ],
  reportDirectoryService: [json(201, 'The report, open until an editor resolves it', REPORT, OPEN_REPORT)],
  directoryReports: [
    json(
      200,
      'Reports, oldest first',
      objectOf({ status: oneOfValues(['open', 'all']), reports: arrayOf(REPORT) }),
      { status: 'open', reports: [OPEN_REPORT] },
    ),
  ],
  resolveDirectoryReport: [json(200, 'The resolved report', REPORT, RESOLVED_REPORT)],
};
