export { TOPICS, SCHEMA_VERSION, HEADERS, DLQ_HEADERS, topicNames } from './topics';
export type { TopicNames } from './topics';
export { MessageRejected, Checker } from './validation';
export type { Issue } from './validation';
export { FORMATS, canonicalJson, inboundReferralId, sha256, uuidV5 } from './formats';
export {
  parseInboundReferral,
  parseFhirReferral,
  INBOUND_REFERRAL_FORMATS,
} from './inbound/inbound-referral.message';
export type {
  InboundReferral,
  InboundReferralFormat,
  InboundReferralMessageV1,
  FhirSender,
} from './inbound/inbound-referral.message';
export type { NativeReferral } from './inbound/native-referral';
export { receiveCommandOf } from './inbound/receive-command';
export { FHIR_SYSTEMS, LEGACY_NHS_NUMBER_SYSTEMS } from './inbound/fhir/fhir-json';
export { BARS_EVENT, REFERRAL_BUNDLE_TYPES } from './inbound/fhir/fhir-bundle';
export { TERMINOLOGY_VERSIONS, REFERRAL_VALUE_SET_URL } from './inbound/fhir/terminology';
export { parseHandoffResponse, HANDOFF_OUTCOMES } from './inbound/handoff-response.message';
export type { HandoffResponseMessageV1 } from './inbound/handoff-response.message';
export { handoffRequestMessage, waitingClocks } from './outbound/handoff-request.message';
export { SERVICE_SYSTEMS, handoffFhirMessage, handoffTaskUpdate } from './outbound/handoff-fhir.message';
export type {
  HandoffRequestMessageV1,
  SharedUnderV1,
  WaitingClocksV1,
} from './outbound/handoff-request.message';
export { referralStatusMessage } from './outbound/referral-status.message';
export { INTAKE_ACK_TYPES, intakeAck } from './outbound/intake-ack.message';
export type { IntakeAckV1 } from './outbound/intake-ack.message';
export type { InboundOrigin, ReferralStatusMessageV1, StatusEvent } from './outbound/referral-status.message';
export { waitingTimeRowKey } from './outbound/waiting-times.message';
export type { WaitingFiguresV1, WaitingTimeRowMessageV1 } from './outbound/waiting-times.message';
export {
  PARTNER_ID_HEADER,
  PARTNER_SIGNATURE_HEADER,
  partnerSignatureHeaders,
  partnerSignatureValid,
  signedBytes,
} from './partner-signature';
