import { AUDIT_RESPONSES } from './audit';
import { CASELOAD_RESPONSES } from './caseloads';
import { COMMAND_RESPONSES } from './commands';
import { DIRECTORY_RESPONSES } from './directory';
import { DIRECTORY_EDITING_RESPONSES } from './directory-editing';
import { DIRECTORY_REPORT_RESPONSES } from './directory-reports';
import { FHIR_RESPONSES } from './fhir';
import { MEASURES_RESPONSES } from './measures';
import { OPERATIONS_RESPONSES } from './operations';
import { json } from './primitives';
import type { ResponseSpec } from './primitives';
import { REFERRAL_DETAIL, REFERRAL_STATUS_VIEW } from './referral-view';
import { REFERRAL_DETAIL_EXAMPLE } from './referral-examples';
import {
  HISTORY,
  HISTORY_EXAMPLE,
  SEARCH_RESULTS,
  SEARCH_RESULTS_EXAMPLE,
  TRIAGE_QUEUE,
  TRIAGE_QUEUE_EXAMPLE,
} from './referral-reads';
import { REPORT_RESPONSES } from './reports';

export type { ResponseSpec } from './primitives';

/** The referral reads: the resource, its history, the triage queue and search. */
const REFERRAL_READS: Record<string, ResponseSpec[]> = {
  getReferral: [
    json(
      200,
      'The referral (ETag: its version): the whole case, or for a referrer its status only',
      {
        oneOf: [REFERRAL_DETAIL, REFERRAL_STATUS_VIEW],
        description:
          'Link workers, service managers and auditors get the whole case; referrers `referralStatusView`',
      },
      REFERRAL_DETAIL_EXAMPLE,
    ),
  ],
  getReferralHistory: [
    json(200, 'Every event with its metadata, and the state they add up to', HISTORY, HISTORY_EXAMPLE),
  ],
  getTriageQueue: [
    json(200, "The caller's teams' referrals awaiting acceptance", TRIAGE_QUEUE, TRIAGE_QUEUE_EXAMPLE),
  ],
  searchReferrals: [json(200, 'One page of matching referrals', SEARCH_RESULTS, SEARCH_RESULTS_EXAMPLE)],
};

/** Success responses by operationId: status, media type, JSON schema and one example that validates. */
export const RESPONSES: Readonly<Record<string, readonly ResponseSpec[]>> = {
  ...OPERATIONS_RESPONSES,
  ...REFERRAL_READS,
  ...COMMAND_RESPONSES,
  ...FHIR_RESPONSES,
  ...CASELOAD_RESPONSES,
  ...REPORT_RESPONSES,
  ...MEASURES_RESPONSES,
  ...AUDIT_RESPONSES,
  ...DIRECTORY_RESPONSES,
  ...DIRECTORY_EDITING_RESPONSES,
  ...DIRECTORY_REPORT_RESPONSES,
};
