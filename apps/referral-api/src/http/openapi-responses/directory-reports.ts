import { SUPPRESSION_POLICIES } from '@app/read-models';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  arrayOf,
  boolean,
  date,
  integer,
  json,
  nullable,
  number,
  objectOf,
  oneOfValues,
  text,
  textBody,
} from './primitives';
import type { ResponseSpec } from './primitives';

const count: SchemaObject = { ...integer, minimum: 0, nullable: true, description: 'null when suppressed' };
const pct: SchemaObject = {
  ...number,
  nullable: true,
  description: 'A percentage of exact counts; null when withheld',
};

const SCOPE = {
  period: { ...text, description: 'The reporting period asked for (always, for commissioners)' },
  from: date,
  to: date,
  suppression: oneOfValues(SUPPRESSION_POLICIES),
};

const PRESCRIPTION_ROW = objectOf(
  {
    group: { ...text, description: '`all`, a service id, a taxonomy term id or an age band at referral' },
    name: { ...text, description: "The service's or term's name (by service, by taxonomy term)" },
    taxonomy: nullable(text, "The term's taxonomy (by taxonomy term)"),
    prescriptions: count,
    attended: count,
    stillAttending: count,
    didNotAttend: count,
    declined: count,
    awaitingUptake: { ...count, description: 'No uptake recorded yet; null when suppressed' },
    uptakePct: {
      ...pct,
      description: 'Attended or still attending, of the prescriptions with uptake recorded',
    },
    suppressed: boolean,
  },
  { optional: ['name', 'taxonomy'] },
);

const UNMET_ROW = objectOf({
  reason: text,
  ageBand: oneOfValues(['5-10', '11-15', '16-19', 'other']),
  referrals: count,
  withoutService: { ...count, description: 'Referrals with no open service for this need within reach' },
  withoutServicePct: pct,
  notLocated: { ...count, description: 'Postcode unknown: judged on age and need only' },
  suppressed: boolean,
});

const row = (group: string, figures: (number | null)[], extra: Record<string, unknown> = {}) => {
  const [prescriptions, attended, stillAttending, didNotAttend, declined, awaitingUptake, uptakePct] =
    figures;
  return {
    group,
    ...extra,
    prescriptions,
    attended,
    stillAttending,
    didNotAttend,
    declined,
    awaitingUptake,
    uptakePct,
    suppressed: prescriptions === null,
  };
};

const SERVICE = '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const TERM = '9586bdd9-71da-5e5f-8d06-0ffcc8fd493a';

/** Success responses of the directory's reports: JSON, or CSV with `Accept: text/csv`. */
export const DIRECTORY_REPORT_RESPONSES: Record<string, ResponseSpec[]> = {
  prescriptionsReport: [
    json(
      200,
      'Prescriptions and uptake',
      objectOf(
        {
          ...SCOPE,
          overall: PRESCRIPTION_ROW,
          byService: arrayOf(PRESCRIPTION_ROW),
          byTaxonomyTerm: arrayOf(PRESCRIPTION_ROW),
          byAgeBand: arrayOf(PRESCRIPTION_ROW),
        },
        { optional: ['period'] },
      ),
      {
        period: '2026-11',
        from: '2026-11-01',
        to: '2026-11-30',
        suppression: 'nhs-secondary-care',
        overall: row('all', [40, 15, 10, 5, 0, 10, 83.3]),
        byService: [
          row(SERVICE, [20, 10, null, null, 0, null, null], { name: 'Riverside Juniors Football Club' }),
        ],
        byTaxonomyTerm: [
          row(TERM, [20, 10, null, null, 0, null, null], {
            name: 'Football',
            taxonomy: 'OpenActive Activity List',
          }),
        ],
        byAgeBand: [row('11-15', [25, 10, 10, 0, 0, 5, 100])],
      },
    ),
    textBody(
      200,
      'The same rows as CSV (`Accept: text/csv`); suppressed figures are empty',
      'text/csv',
      'from,to,suppression,breakdown,group,name,taxonomy,prescriptions,attended,still_attending,did_not_attend,declined,awaiting_uptake,uptake_pct\n2026-11-01,2026-11-30,nhs-secondary-care,overall,all,,,40,15,10,5,0,10,83.3\n',
    ),
  ],
  unmetNeedReport: [
    json(
      200,
      'Unmet need by referral reason and age band, and the directory gaps',
      objectOf(
        {
          ...SCOPE,
          distanceMetres: { ...integer, minimum: 100, description: 'DIRECTORY_MATCH_DISTANCE_M' },
          rows: arrayOf(UNMET_ROW),
          directoryGaps: arrayOf(
            objectOf({ reason: text, agesWithoutService: arrayOf({ ...integer, minimum: 5, maximum: 19 }) }),
            'Needs with ages (5-19) no open service in the directory takes anywhere: directory facts, not about referrals',
          ),
        },
        { optional: ['period'] },
      ),
      {
        period: '2026-11',
        from: '2026-11-01',
        to: '2026-11-30',
        suppression: 'nhs-secondary-care',
        distanceMetres: 8000,
        rows: [
          {
            reason: 'bereavement',
            ageBand: '5-10',
            referrals: 10,
            withoutService: 10,
            withoutServicePct: 100,
            notLocated: 0,
            suppressed: false,
          },
        ],
        directoryGaps: [{ reason: 'bereavement', agesWithoutService: [5, 6, 7] }],
      },
    ),
    textBody(
      200,
      'The same rows as CSV (`Accept: text/csv`); suppressed figures are empty',
      'text/csv',
      'from,to,suppression,distance_m,reason,age_band,referrals,without_service,without_service_pct,not_located\n2026-11-01,2026-11-30,nhs-secondary-care,8000,bereavement,5-10,10,10,100,0\n',
    ),
  ],
};
