export * from './referral/referral.vocabulary';
export * from './referral/referral.events';
export * from './referral/referral.commands';
export * from './referral/referral.appointments.events';
export * from './referral/referral.appointments.commands';
export type { AppointmentState, AppointmentStatus } from './referral/referral.appointments.evolve';
export * from './referral/referral.duplicates';
export * from './referral/referral.corrections';
export * from './referral/referral.episodes';
export * from './referral/referral.transfers';
export * from './referral/referral.amendments';
export * from './referral/referral.prescriptions';
export * from './referral/referral.state';
export * from './referral/referral.errors';
export { decide } from './referral/referral.decide';
export { evolve } from './referral/referral.evolve';
export { OUTCOME_RANGES, ONS4_ITEMS } from './referral/outcome-ranges';
export { isValidNhsNumber, normaliseNhsNumber, formatNhsNumber } from './shared/nhs-number';
export { ageInYears, calendarDaysBetween, isCalendarDate } from './shared/dates';
export { referralDecider, referralStreamName } from './referral/referral.decider';
export { retentionDate } from './shared/retention';
export {
  DATA_CLASSIFICATION,
  ERASED,
  PERSONAL_DATA_FIELDS,
  sealedFieldsOf,
} from './referral/referral.personal-data';
export type { DataClassification, PersonalFieldPath } from './referral/referral.personal-data';
