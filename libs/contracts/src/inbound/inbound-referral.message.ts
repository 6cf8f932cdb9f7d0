import { REFERRAL_SOURCE_KINDS } from '@app/referral-domain';
import { FORMATS, canonicalJson, inboundReferralId, sha256 } from '../formats';
import { SCHEMA_VERSION } from '../topics';
import { Checker, parseJson, requireSchemaVersion } from '../validation';
import { mapFhirReferral } from './fhir-referral';
import { checkNativeReferral } from './native-referral';
import type { NativeReferral } from './native-referral';

export const INBOUND_REFERRAL_FORMATS = ['native', 'fhir-r4'] as const;
export type InboundReferralFormat = (typeof INBOUND_REFERRAL_FORMATS)[number];

/** A `referrals.inbound.v1` message as partners send it. */
export type InboundReferralMessageV1 = {
  messageId: string;
  sourceSystem: string;
  format: InboundReferralFormat;
  /** Only with `fhir-r4`: who the FHIR sender is (default `gp`); native referrals say so in `source.kind`. */
  sourceKind?: string;
  /** The native referral body, or the FHIR R4 Bundle (or ServiceRequest with the Patient contained). */
  referral: unknown;
};

/** A valid inbound referral: who sent it, the referral id derived from it, and a hash of its content. */
export type InboundReferral = {
  messageId: string;
  sourceSystem: string;
  format: InboundReferralFormat;
  referralId: string;
  referral: NativeReferral;
  /** SHA-256 of the message's canonical JSON: a resent message has the same hash, a changed one does not. */
  contentHash: string;
};

/** Parses and validates a `referrals.inbound.v1` message; throws `MessageRejected` naming every issue. */
export function parseInboundReferral(
  value: Buffer | string | null,
  headers: Record<string, string> = {},
): InboundReferral {
  requireSchemaVersion(headers, SCHEMA_VERSION);
  const json = parseJson(value);
  const c = new Checker();
  const m = c.object(json, '', ['messageId', 'sourceSystem', 'format', 'sourceKind', 'referral']);
  if (!m) throw c.rejection('The inbound referral message');
  const messageId = c.string(m, 'messageId', '', {
    pattern: FORMATS.messageId,
    hint: 'must be 1-200 printable characters',
  });
  const sourceSystem = c.string(m, 'sourceSystem', '', {
    pattern: FORMATS.sourceSystem,
    hint: 'must be 1-100 letters, digits or ._:-',
  });
  const format = c.oneOf(m, 'format', '', INBOUND_REFERRAL_FORMATS);
  const sourceKind = c.oneOf(m, 'sourceKind', '', REFERRAL_SOURCE_KINDS, true);
  if (sourceKind !== undefined && format !== 'fhir-r4')
    c.fail('sourceKind', 'is only used with format fhir-r4; native referrals give source.kind');
  let referral: NativeReferral | undefined;
  if (format === 'native') referral = checkNativeReferral(c, m.referral, 'referral');
  if (format === 'fhir-r4') {
    const mapped = mapFhirReferral(c, m.referral, 'referral', sourceKind);
    // The mapped referral must also pass the rules every native referral passes.
    if (mapped && c.issues.length === 0)
      referral = checkNativeReferral(c, mapped, 'referral(mapped from FHIR)');
  }
  return c.done('The inbound referral message', {
    messageId: messageId!,
    sourceSystem: sourceSystem!,
    format: format!,
    referralId: messageId && sourceSystem ? inboundReferralId(sourceSystem, messageId) : '',
    referral: referral!,
    contentHash: sha256(canonicalJson(json)),
  });
}
