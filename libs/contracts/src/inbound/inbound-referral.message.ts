import { REFERRAL_SOURCE_KINDS } from '@app/referral-domain';
import type { ReferralSourceKind } from '@app/referral-domain';
import { FORMATS, canonicalJson, inboundReferralId, sha256 } from '../formats';
import { SCHEMA_VERSION } from '../topics';
import { Checker, parseJson, requireSchemaVersion } from '../validation';
import type { Json } from '../validation';
import { mapFhirReferral } from './fhir/fhir-referral';
import { checkNativeReferral } from './native-referral';
import type { NativeReferral } from './native-referral';

export const INBOUND_REFERRAL_FORMATS = ['native', 'fhir-r4'] as const;
export type InboundReferralFormat = (typeof INBOUND_REFERRAL_FORMATS)[number];

/** A `referrals.inbound.v1` message as partners send it in the service's envelope. */
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

/** Where a message's ids come from when it is a bare FHIR payload rather than the envelope. */
export type FhirSender = {
  /** The system the sender is (a signed partner's id, an HTTP client's subject). */
  sourceSystem: string;
  sourceKind?: ReferralSourceKind;
};

/**
 * Parses and validates a `referrals.inbound.v1` message: the service's envelope, or (from a signed
 * partner, `sender`) a bare FHIR message Bundle as BaRS sends it. Throws `MessageRejected` naming every issue.
 */
export function parseInboundReferral(
  value: Buffer | string | null,
  headers: Record<string, string> = {},
  sender?: FhirSender,
): InboundReferral {
  requireSchemaVersion(headers, SCHEMA_VERSION);
  const json = parseJson(value);
  const bare = (json as Json | null)?.resourceType;
  if (bare !== undefined && sender) return parseFhirReferral(json, sender, 'message');
  return parseEnvelope(json);
}

/** The service's envelope around a native or FHIR referral. */
function parseEnvelope(json: unknown): InboundReferral {
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
  const referral =
    format === 'native'
      ? checkNativeReferral(c, m.referral, 'referral')
      : format === 'fhir-r4'
        ? checkedFhir(c, m.referral, 'referral', sourceKind)?.referral
        : undefined;
  return c.done('The inbound referral message', {
    messageId: messageId!,
    sourceSystem: sourceSystem!,
    format: format!,
    referralId: messageId && sourceSystem ? inboundReferralId(sourceSystem, messageId) : '',
    referral: referral!,
    contentHash: sha256(canonicalJson(json)),
  });
}

/** A FHIR payload mapped, then held to the rules every native referral passes. */
function checkedFhir(c: Checker, value: unknown, path: string, sourceKind?: ReferralSourceKind) {
  const mapped = mapFhirReferral(c, value, path, sourceKind);
  if (!mapped || c.issues.length) return undefined;
  const { reasonsAsSent, ...native } = mapped.referral;
  const referral = checkNativeReferral(c, native, `${path}(mapped from FHIR)`);
  return referral && { ...mapped, referral: { ...referral, ...(reasonsAsSent && { reasonsAsSent }) } };
}

/**
 * A bare FHIR referral (no envelope): a message Bundle, whose message id is `Bundle.id`, or (over HTTP,
 * `expect: 'request'`) a ServiceRequest or Bundle whose id is the ServiceRequest's identifier, else the
 * hash of its content. The referral id derives from the sender's system and that id, so a resend finds its referral.
 */
export function parseFhirReferral(
  json: unknown,
  sender: FhirSender,
  expect: 'message' | 'request',
): InboundReferral {
  const c = new Checker();
  const root = json as Json | null;
  if (expect === 'message' && (root?.resourceType !== 'Bundle' || root.type !== 'message'))
    c.fail('Bundle.type', 'must be message: send a FHIR message Bundle with its MessageHeader first');
  const mapped = c.issues.length ? undefined : checkedFhir(c, json, '', sender.sourceKind);
  const contentHash = sha256(canonicalJson(json));
  const messageId = mapped ? fhirMessageId(c, mapped, expect, contentHash) : undefined;
  return c.done('The FHIR referral', {
    messageId: messageId!,
    sourceSystem: sender.sourceSystem,
    format: 'fhir-r4' as const,
    referralId: messageId ? inboundReferralId(sender.sourceSystem, messageId) : '',
    referral: mapped?.referral as NativeReferral,
    contentHash,
  });
}

/** A message's id is `Bundle.id`; a request's, its ServiceRequest identifier, else the hash of its content. */
function fhirMessageId(
  c: Checker,
  mapped: { header?: { bundleId?: string }; requestIdentifier?: string },
  expect: 'message' | 'request',
  contentHash: string,
): string | undefined {
  const element = expect === 'message' ? 'Bundle.id' : 'ServiceRequest.identifier';
  const id =
    expect === 'message' ? mapped.header?.bundleId : (mapped.requestIdentifier ?? `sha256:${contentHash}`);
  if (id === undefined) return c.fail(element, 'is required: it is the message id');
  if (!FORMATS.messageId.test(id)) return c.fail(element, 'must be 1-200 printable characters');
  return id;
}
