import { AMENDMENT_COMMANDS } from './amendment.commands';
import { DATA_QUALITY_COMMANDS } from './data-quality.commands';
import { APPOINTMENT_COMMANDS } from './appointment.commands';
import { CARE_COMMANDS } from './care.commands';
import type { CommandDescriptor } from './referral-command.descriptor';
import { RECORDS_COMMANDS } from './records.commands';
import { TRIAGE_COMMANDS } from './triage.commands';

/**
 * Every referral command the HTTP API accepts, one descriptor each: route, roles, access action,
 * request schema and the mapping to the domain command. Routes, OpenAPI metadata and authorisation
 * are generated from this table; adding a command is one entry in its group plus the domain change.
 */
export const REFERRAL_COMMANDS: readonly CommandDescriptor[] = [
  ...TRIAGE_COMMANDS,
  ...CARE_COMMANDS,
  ...APPOINTMENT_COMMANDS,
  ...DATA_QUALITY_COMMANDS,
  ...AMENDMENT_COMMANDS,
  ...RECORDS_COMMANDS,
];
