import fc from 'fast-check';
import {
  CONSENT_BASES,
  CONSENT_GIVERS,
  CONSENT_SCOPES,
  END_REASONS,
  HANDOFF_TARGETS,
  OUTCOME_MEASURES,
  RATERS,
  REFERRAL_REASONS,
  REFERRAL_SOURCE_KINDS,
  SESSION_FORMATS,
  SESSION_SETTINGS,
  URGENCIES,
} from '@app/referral-domain';
import type { Role } from '@app/application';
import { calendarDates, isoDateTimes, junk } from './fuzz-inputs';
import { AMENDMENT_ENDPOINTS } from './fuzz-endpoints.amendments';
import { FHIR_ENDPOINTS } from './fuzz-endpoints.fhir';
import { DIRECTORY_ENDPOINTS } from './fuzz-endpoints.directory';
import { DASHBOARD_ENDPOINTS } from './fuzz-endpoints.dashboard';
import { PATHWAY_ENDPOINTS, care, dropUndefined, maybe, text, withAt } from './fuzz-endpoints.pathway';

/** One HTTP endpoint as the fuzzer sees it: where, who may call it, and what a valid input looks like. */
export type FuzzEndpoint = {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  /** With `:id`, `:goalId`, `:handoffId`, `:appointmentId`, `:sessionId`, `:outcomeId`, `:linkWorkerId` placeholders. */
  path: string;
  /** Roles whose calls get past the guard, so most inputs reach validation and the decider. */
  roles: Role[];
  body?: fc.Arbitrary<unknown>;
  query?: fc.Arbitrary<Record<string, string>>;
  /** Writes events to the referral in `:id` (or creates one). */
  command?: boolean;
  /** A FHIR route: refusals are OperationOutcomes, a created referral is named by the Location header. */
  fhir?: boolean;
};

const reason = text(5, 300);
const lwId = fc.oneof(fc.constant('lw-ada'), fc.constant('lw-other'), text(1, 120));
const scopes = fc.subarray([...CONSENT_SCOPES], { minLength: 1 });

const youngPerson = fc
  .record({
    givenName: text(1, 100),
    familyName: text(1, 100),
    dateOfBirth: calendarDates,
    nhsNumber: maybe(fc.constantFrom('943 476 5919', '9434765919', '943-476-5918', '123')),
    postcode: maybe(fc.constantFrom('LA1 1AA', 'SW1A1AA', 'ZZ', 'LA11AA')),
  })
  .map(dropUndefined);

const referral = fc
  .record(
    {
      id: maybe(fc.uuid()),
      receivedAt: maybe(isoDateTimes),
      source: fc
        .record({
          kind: fc.constantFrom(...REFERRAL_SOURCE_KINDS),
          organisationCode: maybe(fc.stringMatching(/^[A-Z0-9]{1,9}$/)),
        })
        .map(dropUndefined),
      youngPerson,
      parentCarer: maybe(
        fc
          .record({ name: text(1, 200), relationship: text(1, 80), email: maybe(fc.emailAddress()) })
          .map(dropUndefined),
      ),
      reasons: fc.subarray([...REFERRAL_REASONS], { minLength: 1 }),
      urgency: maybe(fc.constantFrom(...URGENCIES)),
      pcnCode: maybe(fc.stringMatching(/^[A-Z0-9]{1,9}$/)),
      notes: maybe(text(0, 500)),
      previousReferralId: maybe(fc.oneof(fc.uuid(), text(0, 40))),
    },
    { requiredKeys: ['source', 'youngPerson', 'reasons'] },
  )
  .map(dropUndefined);

const outcomeScore = fc.oneof(
  fc.double({ min: -5, max: 60, noNaN: true }),
  fc.integer({ min: 0, max: 40 }),
  fc.record({
    lifeSatisfaction: fc.integer({ min: -1, max: 11 }),
    worthwhile: fc.integer({ min: 0, max: 10 }),
    happiness: fc.integer({ min: 0, max: 10 }),
    anxiety: fc.integer({ min: 0, max: 10 }),
  }),
);

const reportWindow = {
  period: maybe(fc.constantFrom('2026-03', '2026-Q1', 'FY2026-27', 'FY2026-28', '2026-13', '2099-01', 'x')),
  from: maybe(calendarDates),
  to: maybe(calendarDates),
  groupBy: maybe(fc.constantFrom('pcn', 'source', 'month', 'age_band', 'urgency', 'nope')),
  suppression: maybe(fc.constantFrom('nhs-secondary-care', 'under-5', 'none', 'off')),
};
const query = (fields: Record<string, fc.Arbitrary<string | undefined>>) =>
  fc.record(fields, { requiredKeys: [] }).map((q) => dropUndefined(q) as Record<string, string>);

/** Every route of the API. The fuzz spec fails if a route exists that is not listed here. */
export const FUZZ_ENDPOINTS: FuzzEndpoint[] = [
  {
    name: 'receive referral',
    method: 'POST',
    path: '/v1/referrals',
    roles: ['referrer', 'integration', 'service_manager'],
    body: referral,
    command: true,
  },
  {
    name: 'get referral',
    method: 'GET',
    path: '/v1/referrals/:id',
    roles: ['service_manager', 'link_worker', 'referrer', 'auditor'],
  },
  {
    name: 'get history',
    method: 'GET',
    path: '/v1/referrals/:id/history',
    roles: ['auditor', 'service_manager'],
    query: query({
      asOf: maybe(isoDateTimes),
      version: maybe(fc.oneof(fc.integer({ min: -2, max: 8 }).map(String), text(0, 6))),
    }),
  },
  {
    name: 'verify referral',
    method: 'GET',
    path: '/v1/referrals/:id/verify',
    roles: ['auditor', 'service_manager'],
  },
  {
    name: 'accept',
    method: 'POST',
    path: '/v1/referrals/:id/accept',
    roles: care,
    body: withAt({ linkWorkerId: lwId }),
    command: true,
  },
  {
    name: 'decline',
    method: 'POST',
    path: '/v1/referrals/:id/decline',
    roles: care,
    body: withAt({ reason: text(1, 500), signpostedTo: maybe(text(1, 500)) }),
    command: true,
  },
  {
    name: 'withdraw',
    method: 'POST',
    path: '/v1/referrals/:id/withdraw',
    roles: ['referrer', 'integration', 'service_manager'],
    body: withAt({
      reason: fc.constantFrom('no_longer_needed', 'referred_elsewhere', 'made_in_error', 'other', 'bored'),
      note: maybe(text(0, 520)),
    }),
    command: true,
  },
  {
    name: 'assign',
    method: 'POST',
    path: '/v1/referrals/:id/assign',
    roles: ['service_manager'],
    body: withAt({ linkWorkerId: lwId }),
    command: true,
  },
  {
    name: 'obtain consent',
    method: 'POST',
    path: '/v1/referrals/:id/consent',
    roles: care,
    command: true,
    body: withAt({
      givenBy: fc.constantFrom(...CONSENT_GIVERS),
      basis: fc.constantFrom(...CONSENT_BASES),
      scopes,
      competenceAssessedBy: maybe(text(1, 200)),
    }),
  },
  {
    name: 'withdraw consent',
    method: 'POST',
    path: '/v1/referrals/:id/consent/withdraw',
    roles: care,
    body: withAt({ scopes: maybe(scopes) }),
    command: true,
  },
  {
    name: 'set goals',
    method: 'POST',
    path: '/v1/referrals/:id/goals',
    roles: care,
    command: true,
    body: withAt({
      goals: fc.array(
        fc
          .record({
            id: maybe(fc.uuid()),
            description: text(1, 500),
            score: fc.integer({ min: -1, max: 11 }),
          })
          .map(dropUndefined),
        { minLength: 0, maxLength: 4 },
      ),
    }),
  },
  {
    name: 'record goal score',
    method: 'POST',
    path: '/v1/referrals/:id/goals/:goalId/scores',
    roles: care,
    command: true,
    body: withAt({ score: fc.oneof(fc.integer({ min: -1, max: 11 }), fc.double({ noNaN: true })) }),
  },
  {
    name: 'hold session',
    method: 'POST',
    path: '/v1/referrals/:id/sessions',
    roles: care,
    command: true,
    body: withAt({
      format: fc.constantFrom(...SESSION_FORMATS),
      setting: fc.constantFrom(...SESSION_SETTINGS),
      durationMinutes: fc.integer({ min: 0, max: 700 }),
      attended: fc.boolean(),
      activities: maybe(fc.array(text(1, 200), { maxLength: 21 })),
      notes: maybe(text(0, 300)),
    }),
  },
  {
    name: 'record outcome',
    method: 'POST',
    path: '/v1/referrals/:id/outcomes',
    roles: care,
    command: true,
    body: withAt({
      measure: fc.constantFrom(...OUTCOME_MEASURES),
      rater: fc.constantFrom(...RATERS),
      score: outcomeScore,
    }),
  },
  {
    name: 'request handoff',
    method: 'POST',
    path: '/v1/referrals/:id/handoffs',
    roles: care,
    command: true,
    body: withAt({
      target: fc.constantFrom(...HANDOFF_TARGETS),
      reason: text(1, 300),
      urgency: fc.constantFrom(...URGENCIES),
      safeguarding: maybe(fc.record({ justification: text(0, 300) })),
    }),
  },
  {
    name: 'acknowledge handoff',
    method: 'POST',
    path: '/v1/referrals/:id/handoffs/:handoffId/acknowledge',
    roles: ['integration', ...care],
    command: true,
    body: withAt({ reason: maybe(text(1, 300)), reference: maybe(text(1, 200)) }),
  },
  {
    name: 'reject handoff',
    method: 'POST',
    path: '/v1/referrals/:id/handoffs/:handoffId/reject',
    roles: ['integration', ...care],
    command: true,
    body: withAt({ reason: maybe(text(1, 300)), reference: maybe(text(1, 200)) }),
  },
  {
    name: 'end',
    method: 'POST',
    path: '/v1/referrals/:id/end',
    roles: care,
    body: withAt({ reason: fc.oneof(fc.constantFrom(...END_REASONS), text(0, 20)) }),
    command: true,
  },
  ...PATHWAY_ENDPOINTS,
  ...AMENDMENT_ENDPOINTS,
  ...FHIR_ENDPOINTS,
  {
    name: 'place legal hold',
    method: 'POST',
    path: '/v1/referrals/:id/legal-hold',
    roles: ['service_manager'],
    body: withAt({ reason }),
    command: true,
  },
  {
    name: 'lift legal hold',
    method: 'POST',
    path: '/v1/referrals/:id/legal-hold/lift',
    roles: ['service_manager'],
    body: withAt({ reason }),
    command: true,
  },
  {
    name: 'erase personal data',
    method: 'POST',
    path: '/v1/referrals/:id/erasure',
    roles: ['service_manager'],
    body: withAt({ reason }),
    command: true,
  },
  {
    name: 'triage queue',
    method: 'GET',
    path: '/v1/referrals/queue',
    roles: care,
    query: query({
      team: maybe(fc.oneof(fc.constant('default'), text(0, 70))),
      limit: maybe(fc.oneof(fc.integer({ min: -1, max: 201 }).map(String), text(0, 5))),
    }),
  },
  {
    name: 'search referrals',
    method: 'GET',
    path: '/v1/referrals',
    roles: care,
    query: query({
      status: maybe(fc.constantFrom('received', 'accepted,active', 'withdrawn', 'lost', '')),
      reason: maybe(fc.constantFrom('anxiety', 'x')),
      receivedFrom: maybe(calendarDates),
      sort: maybe(fc.constantFrom('receivedAt', '-receivedAt', 'name')),
      limit: maybe(fc.oneof(fc.integer({ min: -1, max: 201 }).map(String), text(0, 5))),
      cursor: maybe(text(0, 620)),
      nhsNumber: maybe(fc.oneof(fc.constantFrom('943 476 5919', '9434765918'), text(0, 14))),
      name: maybe(text(0, 110)),
      dateOfBirth: maybe(fc.oneof(calendarDates, text(0, 12))),
    }),
  },
  { name: 'list caseloads', method: 'GET', path: '/v1/caseloads', roles: ['service_manager'] },
  { name: 'get caseload', method: 'GET', path: '/v1/caseloads/:linkWorkerId', roles: care },
  {
    name: 'waiting times',
    method: 'GET',
    path: '/v1/reports/waiting-times',
    roles: ['commissioner', 'service_manager'],
    query: query({
      measure: maybe(fc.constantFrom('acceptance', 'first_contact', 'second_contact', 'help_started', 'x')),
      asOf: maybe(calendarDates),
      ...reportWindow,
    }),
  },
  {
    name: 'outcomes report',
    method: 'GET',
    path: '/v1/reports/outcomes',
    roles: ['commissioner', 'service_manager'],
    query: query(reportWindow),
  },
  ...['attendance', 'prescriptions', 'unmet-need', 'access', 'equity'].map((report): FuzzEndpoint => ({
    name: `${report} report`,
    method: 'GET',
    path: `/v1/reports/${report}`,
    roles: ['commissioner', 'service_manager'],
    query: query({
      period: reportWindow.period,
      from: reportWindow.from,
      to: reportWindow.to,
      suppression: reportWindow.suppression,
    }),
  })),
  {
    name: 'spells report',
    method: 'GET',
    path: '/v1/reports/spells',
    roles: ['commissioner', 'service_manager'],
    query: query({
      measure: maybe(fc.constantFrom('acceptance', 'first_contact', 'second_contact', 'help_started', 'x')),
      period: reportWindow.period,
      from: reportWindow.from,
      to: reportWindow.to,
      suppression: reportWindow.suppression,
    }),
  },
  {
    name: 'access log',
    method: 'GET',
    path: '/v1/audit/access',
    roles: ['auditor'],
    query: query({
      referralId: maybe(fc.uuid()),
      actor: maybe(text(0, 210)),
      from: maybe(isoDateTimes),
      to: maybe(isoDateTimes),
      limit: maybe(fc.oneof(fc.integer({ min: -1, max: 1001 }).map(String), text(0, 5))),
    }),
  },
  { name: 'audit public key', method: 'GET', path: '/v1/audit/public-key', roles: ['auditor'] },
  { name: 'sign checkpoint', method: 'POST', path: '/v1/audit/checkpoints', roles: ['auditor'], body: junk },
  { name: 'latest checkpoint', method: 'GET', path: '/v1/audit/checkpoints/latest', roles: ['auditor'] },
  {
    name: 'consistency proof',
    method: 'GET',
    path: '/v1/audit/checkpoints/consistency',
    roles: ['auditor'],
    query: query({
      from: maybe(fc.oneof(fc.integer({ min: -1, max: 50 }).map(String), text(0, 5))),
      to: maybe(fc.oneof(fc.integer({ min: -1, max: 50 }).map(String), text(0, 5))),
    }),
  },
  {
    name: 'checkpoint of a size',
    method: 'GET',
    path: '/v1/audit/checkpoints/:treeSize',
    roles: ['auditor'],
  },
  {
    name: 'inclusion proof',
    method: 'GET',
    path: '/v1/audit/referrals/:id/events/:version/proof',
    roles: ['auditor'],
    query: query({ treeSize: maybe(fc.oneof(fc.integer({ min: -1, max: 50 }).map(String), text(0, 5))) }),
  },
  { name: 'health', method: 'GET', path: '/health', roles: ['auditor'] },
  { name: 'liveness', method: 'GET', path: '/health/live', roles: ['auditor'] },
  { name: 'readiness', method: 'GET', path: '/health/ready', roles: ['auditor'] },
  { name: 'integration health', method: 'GET', path: '/health/integration', roles: ['auditor'] },
  { name: 'metrics', method: 'GET', path: '/metrics', roles: ['auditor'] },
  { name: 'OpenAPI document', method: 'GET', path: '/docs-json', roles: ['auditor'] },
  { name: 'problem types', method: 'GET', path: '/problems', roles: ['auditor'] },
  ...DIRECTORY_ENDPOINTS,
  ...DASHBOARD_ENDPOINTS,
  {
    name: 'dead letters',
    method: 'GET',
    path: '/admin/dead-letters',
    roles: ['auditor'],
    query: query({
      code: maybe(fc.oneof(fc.constant('MESSAGE.INVALID'), text(0, 30))),
      ref: maybe(text(0, 40)),
    }),
  },
  {
    name: 'replay dead letters',
    method: 'POST',
    path: '/admin/dead-letters/replay',
    roles: ['auditor'],
    body: fc.oneof(
      junk,
      fc.record({ refs: fc.array(text(0, 40), { maxLength: 3 }), code: maybe(text(0, 30)) }),
    ),
  },
  {
    name: 'no such route',
    method: 'POST',
    path: '/v1/:id/nothing-here',
    roles: ['service_manager'],
    body: junk,
  },
];
