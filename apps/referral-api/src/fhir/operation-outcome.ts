import type { FieldError } from '@app/application';

/** FHIR OperationOutcome issue type for an HTTP status (http://hl7.org/fhir/issue-type). */
const ISSUE_TYPE: Record<number, string> = {
  400: 'structure',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-supported',
  409: 'conflict',
  410: 'deleted',
  412: 'conflict',
  413: 'too-costly',
  415: 'not-supported',
  422: 'invalid',
  429: 'throttled',
  503: 'transient',
};

export type OperationOutcome = {
  resourceType: 'OperationOutcome';
  issue: {
    severity: 'fatal' | 'error' | 'warning' | 'information';
    code: string;
    details?: { coding?: { system: string; code: string }[]; text: string };
    diagnostics?: string;
    expression?: string[];
  }[];
};

/** This service's problem codes, as a code system, so a sender's software can branch on them. */
export const PROBLEM_CODE_SYSTEM = 'https://cyp-social-prescribing.nhs.example/CodeSystem/problem-code';

/**
 * An error as an OperationOutcome: one issue per element at fault (its FHIRPath in `expression` and
 * the rule broken in `diagnostics`), or one issue for the whole request; the problem code in `details`.
 */
export function operationOutcomeOf(problem: {
  status: number;
  detail: string;
  code?: string;
  errors?: FieldError[];
}): OperationOutcome {
  const code = ISSUE_TYPE[problem.status] ?? (problem.status >= 500 ? 'exception' : 'processing');
  const details = problem.code
    ? { coding: [{ system: PROBLEM_CODE_SYSTEM, code: problem.code }], text: problem.detail }
    : { text: problem.detail };
  const severity = problem.status >= 500 ? 'fatal' : 'error';
  const issues = problem.errors?.length
    ? problem.errors.map((e) => ({
        severity,
        code,
        details,
        diagnostics: `${e.field} ${e.message}`,
        expression: [e.field],
      }))
    : [{ severity, code, details, diagnostics: problem.detail }];
  return { resourceType: 'OperationOutcome', issue: issues as OperationOutcome['issue'] };
}

/** A success told as an OperationOutcome with one informational issue. */
export const informationOutcome = (text: string): OperationOutcome => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'information', code: 'informational', diagnostics: text }],
});
