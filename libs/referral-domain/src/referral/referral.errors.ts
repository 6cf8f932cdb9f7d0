/** A broken business rule. `code` is stable and maps to an HTTP 422 at the edge. */
export class ReferralRuleError extends Error {
  constructor(
    readonly code: `REFERRAL.${string}`,
    message: string,
  ) {
    super(message);
    this.name = 'ReferralRuleError';
  }
}

const rule = (code: `REFERRAL.${string}`) => (message: string) => new ReferralRuleError(code, message);

export const ReferralErrors = {
  alreadyReceived: rule('REFERRAL.ALREADY_RECEIVED'),
  notFound: rule('REFERRAL.NOT_FOUND'),
  ageOutOfRange: rule('REFERRAL.AGE_OUT_OF_RANGE'),
  invalidDateOfBirth: rule('REFERRAL.INVALID_DATE_OF_BIRTH'),
  invalidNhsNumber: rule('REFERRAL.INVALID_NHS_NUMBER'),
  invalidTime: rule('REFERRAL.INVALID_TIME'),
  timeBeforeReceived: rule('REFERRAL.TIME_BEFORE_RECEIVED'),
  timeInFuture: rule('REFERRAL.TIME_IN_FUTURE'),
  closed: rule('REFERRAL.CLOSED'),
  notAwaitingDecision: rule('REFERRAL.NOT_AWAITING_DECISION'),
  notOpen: rule('REFERRAL.NOT_OPEN'),
  notActive: rule('REFERRAL.NOT_ACTIVE'),
  consentBasisInvalid: rule('REFERRAL.CONSENT_BASIS_INVALID'),
  competenceAssessorRequired: rule('REFERRAL.COMPETENCE_ASSESSOR_REQUIRED'),
  consentScopesRequired: rule('REFERRAL.CONSENT_SCOPES_REQUIRED'),
  noConsentToWithdraw: rule('REFERRAL.NO_CONSENT_TO_WITHDRAW'),
  consentRequired: rule('REFERRAL.CONSENT_REQUIRED'),
  tooManyGoals: rule('REFERRAL.TOO_MANY_GOALS'),
  goalsRequired: rule('REFERRAL.GOALS_REQUIRED'),
  goalAlreadySet: rule('REFERRAL.GOAL_ALREADY_SET'),
  goalNotFound: rule('REFERRAL.GOAL_NOT_FOUND'),
  prescriptionAlreadyExists: rule('REFERRAL.PRESCRIPTION_ALREADY_EXISTS'),
  prescriptionNotFound: rule('REFERRAL.PRESCRIPTION_NOT_FOUND'),
  scoreOutOfRange: rule('REFERRAL.SCORE_OUT_OF_RANGE'),
  itemNotAsked: rule('REFERRAL.ITEM_NOT_ASKED'),
  handoffNotFound: rule('REFERRAL.HANDOFF_NOT_FOUND'),
  handoffAlreadyAnswered: rule('REFERRAL.HANDOFF_ALREADY_ANSWERED'),
  linkWorkerAlreadyAssigned: rule('REFERRAL.LINK_WORKER_ALREADY_ASSIGNED'),
  legalHold: rule('REFERRAL.LEGAL_HOLD'),
  legalHoldAlreadyPlaced: rule('REFERRAL.LEGAL_HOLD_ALREADY_PLACED'),
  noLegalHold: rule('REFERRAL.NO_LEGAL_HOLD'),
  erased: rule('REFERRAL.ERASED'),
  mergeIntoSelf: rule('REFERRAL.MERGE_INTO_SELF'),
  mergeIntoClosed: rule('REFERRAL.MERGE_INTO_CLOSED'),
  mergeAcrossTeams: rule('REFERRAL.MERGE_ACROSS_TEAMS'),
  duplicateNotFound: rule('REFERRAL.DUPLICATE_NOT_FOUND'),
  correctionReasonRequired: rule('REFERRAL.CORRECTION_REASON_REQUIRED'),
  previousNotFound: rule('REFERRAL.PREVIOUS_NOT_FOUND'),
  previousStillOpen: rule('REFERRAL.PREVIOUS_STILL_OPEN'),
  previousOtherPerson: rule('REFERRAL.PREVIOUS_OTHER_PERSON'),
  transferTargetRequired: rule('REFERRAL.TRANSFER_TARGET_REQUIRED'),
  transferToSame: rule('REFERRAL.TRANSFER_TO_SAME'),
  unknownTeam: rule('REFERRAL.UNKNOWN_TEAM'),
  sessionNotFound: rule('REFERRAL.SESSION_NOT_FOUND'),
  outcomeNotFound: rule('REFERRAL.OUTCOME_NOT_FOUND'),
  outcomeVoided: rule('REFERRAL.OUTCOME_VOIDED'),
} as const;
