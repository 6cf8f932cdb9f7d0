import { REFERRAL_REASONS } from '@app/referral-domain';
import type { CodingAsSent, ReasonAsSent, ReferralReason } from '@app/referral-domain';
import { compact, join } from '../../validation';
import type { Checker, Json } from '../../validation';
import { asJson, listOf, objectsOf, resolve, stringField } from './fhir-json';
import type { FhirResources } from './fhir-json';
import { reasonOfCoding } from './terminology';

const MAX_REASONS = 20;
const MAX_TEXT = 500;

/** The service reason a free text names, written as words ("Low mood", "social-isolation"). */
function reasonOfText(text: string | undefined): ReferralReason | undefined {
  const words = text
    ?.trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return (REFERRAL_REASONS as readonly string[]).includes(words ?? '')
    ? (words as ReferralReason)
    : undefined;
}

function codingsOf(concept: Json): CodingAsSent[] {
  return objectsOf(concept.coding).map((k) =>
    compact({
      system: stringField(k, 'system'),
      code: stringField(k, 'code'),
      display: stringField(k, 'display')?.slice(0, MAX_TEXT),
    }),
  );
}

/** One CodeableConcept as sent and the reason it maps to: its first mapped coding, else its text, else `other`. */
function reasonOfConcept(
  c: Checker,
  concept: Json | undefined,
  at: string,
  via: ReasonAsSent['via'],
): ReasonAsSent | undefined {
  const codings = concept ? codingsOf(concept) : [];
  const text = stringField(concept, 'text')?.slice(0, MAX_TEXT);
  if (!codings.some((k) => k.code) && !text?.trim())
    return c.fail(at, 'must have a coding with a code, or a text: a reason with neither says nothing');
  const mappedCoding = codings.map(reasonOfCoding).find((r) => r !== undefined);
  const reason = mappedCoding ?? reasonOfText(text);
  return compact({
    reason: reason ?? 'other',
    mapped: reason !== undefined,
    via,
    codings: codings.length ? codings : undefined,
    text,
  });
}

/**
 * The referral's reasons from `reasonCode` and from the Conditions `reasonReference` names (in the
 * Bundle or contained), each kept as sent beside the service reason it maps to. A sender must give at
 * least one; an unresolvable reference is refused rather than ignored.
 */
export function fhirReasons(
  c: Checker,
  sr: Json,
  at: string,
  resources: FhirResources,
): { reasons: ReferralReason[]; reasonsAsSent: ReasonAsSent[] } | undefined {
  const codes = listOf(sr.reasonCode);
  const refs = listOf(sr.reasonReference);
  if (!codes.length && !refs.length)
    return c.fail(join(at, 'reasonCode'), 'is required: give reasonCode or reasonReference (a Condition)');
  if (codes.length + refs.length > MAX_REASONS)
    return c.fail(join(at, 'reasonCode'), `must hold at most ${MAX_REASONS} reasons with reasonReference`);
  const asSent: (ReasonAsSent | undefined)[] = [
    ...codes.map((concept, i) => {
      const path = join(join(at, 'reasonCode'), i);
      const json = asJson(concept);
      return json ? reasonOfConcept(c, json, path, 'reasonCode') : c.fail(path, 'must be a CodeableConcept');
    }),
    ...refs.map((ref, i) => {
      const path = join(join(at, 'reasonReference'), i);
      const condition = resolve(resources, ref);
      if (condition?.resourceType !== 'Condition')
        return c.fail(path, 'must reference a Condition included in the Bundle or contained');
      return reasonOfConcept(c, asJson(condition.code), `${path}(Condition).code`, 'reasonReference');
    }),
  ];
  const kept = asSent.filter((r): r is ReasonAsSent => r !== undefined);
  return { reasons: [...new Set(kept.map((r) => r.reason))], reasonsAsSent: kept };
}
