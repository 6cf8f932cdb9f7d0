import fc from 'fast-check';
import { fhirReferralBundle, nativeInboundMessage } from '@app/testing';
import { HANDOFF_TARGETS, REFERRAL_REASONS, REFERRAL_SOURCE_KINDS } from '@app/referral-domain';
import type { HandoffTarget } from '@app/referral-domain';
import { headerValue, junk, mutated } from './fuzz-inputs';

type Json = unknown;
type Obj = Record<string, unknown>;

/** What a partner sends on one of the gateway's topics, before the ids of its batch are stamped in. */
export type Draft =
  | { t: 'referral'; message: Json; why: ReferralWhy; headers: HeaderDraft }
  | { t: 'answer'; message: Json; why: AnswerWhy; headers: HeaderDraft }
  | { t: 'raw'; topic: 'referrals' | 'responses'; value: string | null; binary: boolean }
  | { t: 'resend'; of: number; changed: boolean };

/** Why a referral message is shaped as it is: valid, or the flaw it was given. */
export type ReferralWhy =
  'valid' | 'mutated' | 'bad-nhs-checksum' | 'bad-nhs-format' | 'huge' | 'too-old' | 'big-valid';
export type AnswerWhy =
  'valid' | 'mutated' | 'wrong-target' | 'unknown-handoff' | 'unknown-referral' | 'huge';
export type HeaderDraft = { schemaVersion?: string; correlationId?: string; extra: [string, string][] };

/** Stand-ins replaced by ids unique to the batch once a draft is built (unless a mutation moved them). */
export const PLACEHOLDER = {
  messageId: '__MESSAGE_ID__',
  referralId: '__REFERRAL_ID__',
  handoffId: '__HANDOFF_ID__',
};

const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const lower = 'abcdefghijklmnopqrstuvwxyz';
const chars = (alphabet: string) => fc.constantFrom(...alphabet.split(''));
const word = fc
  .tuple(chars(upper), fc.string({ unit: chars(lower), minLength: 1, maxLength: 12 }))
  .map(([a, b]) => a + b);
const name = fc.oneof(
  { weight: 6, arbitrary: word },
  {
    weight: 2,
    arbitrary: fc.tuple(word, fc.constantFrom(' ', '-', "'"), word).map(([a, s, b]) => a + s + b),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('Zoë', 'Siân', 'Łukasz', 'Nguyễn', 'O’Brien', '李', 'Анна', 'Ngā'),
  },
);
const sourceSystem = fc.stringMatching(/^[A-Za-z0-9._:-]{1,30}$/);
const dateOfBirth = fc
  .date({ min: new Date('2008-01-01'), max: new Date('2020-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** A valid NHS number (Modulus 11), plain, spaced 3-3-4 or hyphenated. */
export const nhsNumber = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }),
    fc.constantFrom('', ' ', '-'),
  )
  .map(([digits, sep]) => {
    const check = (ds: number[]) => (11 - (ds.reduce((s, d, i) => s + d * (10 - i), 0) % 11)) % 11;
    if (check(digits) === 10) digits[0] = (digits[0]! + 1) % 10;
    if (check(digits) === 10) digits[1] = (digits[1]! + 1) % 10;
    const all = [...digits, check(digits)].join('');
    return `${all.slice(0, 3)}${sep}${all.slice(3, 6)}${sep}${all.slice(6)}`;
  });

const nativeMessage: fc.Arbitrary<Obj> = fc
  .record({
    sourceSystem,
    kind: fc.constantFrom(...REFERRAL_SOURCE_KINDS),
    givenName: name,
    familyName: name,
    dateOfBirth,
    nhs: fc.option(nhsNumber, { nil: undefined }),
    reasons: fc.subarray([...REFERRAL_REASONS], { minLength: 1 }),
    urgency: fc.option(fc.constantFrom('routine', 'urgent'), { nil: undefined }),
    notes: fc.option(fc.string({ unit: 'grapheme', maxLength: 200 }), { nil: undefined }),
    receivedAt: fc.boolean(),
  })
  .map((r) => {
    const base = nativeInboundMessage({ messageId: PLACEHOLDER.messageId, sourceSystem: r.sourceSystem });
    const referral = base.referral as Obj;
    const youngPerson: Obj = { givenName: r.givenName, familyName: r.familyName, dateOfBirth: r.dateOfBirth };
    if (r.nhs) youngPerson.nhsNumber = r.nhs;
    const body: Obj = { ...referral, source: { kind: r.kind }, youngPerson, reasons: r.reasons };
    if (!r.receivedAt) delete body.receivedAt;
    if (r.urgency) body.urgency = r.urgency;
    else delete body.urgency;
    if (r.notes !== undefined) body.notes = r.notes;
    return { ...base, referral: body };
  });

const fhirMessage: fc.Arbitrary<Obj> = fc
  .record({
    sourceSystem,
    givenName: name,
    familyName: name,
    dateOfBirth,
    nhs: nhsNumber,
    urgent: fc.boolean(),
  })
  .map((r) => {
    const bundle = fhirReferralBundle() as { entry: { resource: Obj }[] };
    const [request, patient] = bundle.entry.map((e) => e.resource);
    request!.priority = r.urgent ? 'urgent' : 'routine';
    patient!.name = [{ use: 'official', family: r.familyName, given: [r.givenName] }];
    patient!.birthDate = r.dateOfBirth;
    patient!.identifier = [
      { system: 'https://fhir.nhs.uk/Id/nhs-number', value: r.nhs.replace(/[ -]/g, '') },
    ];
    return {
      messageId: PLACEHOLDER.messageId,
      sourceSystem: r.sourceSystem,
      format: 'fhir-r4',
      referral: bundle,
    };
  });

const answerMessage: fc.Arbitrary<Obj> = fc
  .record({
    sourceSystem,
    outcome: fc.constantFrom('acknowledged', 'rejected'),
    text: fc.option(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 100 }), { nil: undefined }),
    at: fc.option(
      fc.date({ min: new Date('2026-09-05'), max: new Date('2026-10-31'), noInvalidDate: true }),
      { nil: undefined },
    ),
  })
  .map((r) => ({
    messageId: PLACEHOLDER.messageId,
    sourceSystem: r.sourceSystem,
    referralId: PLACEHOLDER.referralId,
    handoffId: PLACEHOLDER.handoffId,
    target: 'camhs',
    outcome: r.outcome,
    ...(r.at ? { at: r.at.toISOString() } : {}),
    ...(r.text === undefined
      ? {}
      : r.outcome === 'acknowledged'
        ? { reference: r.text }
        : { reason: r.text }),
  }));

const headers: fc.Arbitrary<HeaderDraft> = fc.record(
  {
    schemaVersion: fc.oneof(
      { weight: 3, arbitrary: fc.constant('1') },
      {
        weight: 1,
        arbitrary: fc.constantFrom('2', '0', '', 'v1', ' 1', '1.0', '01', '99999999999999999999'),
      },
    ),
    correlationId: fc.oneof(fc.stringMatching(/^[A-Za-z0-9._:-]{1,100}$/), headerValue),
    extra: fc.array(
      fc.tuple(
        fc.string({ unit: chars(lower), minLength: 1, maxLength: 10 }).map((n) => `x-${n}`),
        headerValue,
      ),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: ['extra'] },
);

const set = (message: Obj, path: string[], value: unknown): Obj => {
  const [head, ...rest] = path;
  return { ...message, [head!]: rest.length ? set((message[head!] ?? {}) as Obj, rest, value) : value };
};

const referralFlaw: fc.Arbitrary<[Json, ReferralWhy]> = fc.oneof(
  {
    weight: 30,
    arbitrary: fc.oneof(nativeMessage, fhirMessage).map((m): [Json, ReferralWhy] => [m, 'valid']),
  },
  {
    weight: 30,
    arbitrary: mutated(fc.oneof(nativeMessage, fhirMessage)).map((m): [Json, ReferralWhy] => [m, 'mutated']),
  },
  {
    weight: 5,
    arbitrary: fc.tuple(nativeMessage, nhsNumber).map(([m, nhs]): [Json, ReferralWhy] => {
      // A valid number with its check digit changed.
      const digits = nhs.replace(/[ -]/g, '');
      const broken = digits.slice(0, 9) + String((Number(digits[9]) + 1) % 10);
      return [set(m, ['referral', 'youngPerson', 'nhsNumber'], broken), 'bad-nhs-checksum'];
    }),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        nativeMessage,
        fc.constantFrom(
          '12345',
          'abcdefghij',
          '94347659190',
          '943/476/5919',
          '',
          '9434765919\n',
          '٩٤٣٤٧٦٥٩١٩',
        ),
      )
      .map(([m, nhs]): [Json, ReferralWhy] => [
        set(m, ['referral', 'youngPerson', 'nhsNumber'], nhs),
        'bad-nhs-format',
      ]),
  },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        nativeMessage,
        fc.constantFrom('notes', 'givenName', 'referrerName', 'fields', 'reasons'),
        fc.integer({ min: 1, max: 200_000 }),
      )
      .map(([m, field, size]): [Json, ReferralWhy] => {
        const big = 'x'.repeat(4001 + size);
        if (field === 'notes') return [set(m, ['referral', 'notes'], big), 'huge'];
        if (field === 'givenName')
          return [
            set(m, ['referral', 'youngPerson', 'givenName'], big.slice(0, 101 + (size % 5000))),
            'huge',
          ];
        if (field === 'referrerName')
          return [set(m, ['referral', 'source', 'referrerName'], big.slice(0, 201 + (size % 5000))), 'huge'];
        if (field === 'reasons')
          return [
            set(
              m,
              ['referral', 'reasons'],
              Array.from({ length: 16 + (size % 5000) }, () => 'anxiety'),
            ),
            'huge',
          ];
        const many = Object.fromEntries(
          Array.from({ length: 1 + (size % 3000) }, (_, i) => [`extra${i}`, i]),
        );
        return [{ ...m, referral: { ...(m.referral as Obj), ...many } }, 'huge'];
      }),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(nativeMessage, fc.constantFrom('1990-01-01', '2024-06-01', '2030-01-01'))
      .map(([m, dob]): [Json, ReferralWhy] => [
        set(m, ['referral', 'youngPerson', 'dateOfBirth'], dob),
        'too-old',
      ]),
  },
  {
    weight: 1,
    // As large as the contract allows: 4,000 characters of notes, each several bytes in UTF-8.
    arbitrary: fc
      .tuple(nativeMessage, fc.constantFrom('é', '💥', '李', 'a'))
      .map(([m, ch]): [Json, ReferralWhy] => [set(m, ['referral', 'notes'], ch.repeat(4000)), 'big-valid']),
  },
);

const answerFlaw: fc.Arbitrary<[Json, AnswerWhy]> = fc.oneof(
  { weight: 30, arbitrary: answerMessage.map((m): [Json, AnswerWhy] => [m, 'valid']) },
  { weight: 25, arbitrary: mutated(answerMessage).map((m): [Json, AnswerWhy] => [m, 'mutated']) },
  { weight: 5, arbitrary: answerMessage.map((m): [Json, AnswerWhy] => [m, 'wrong-target']) },
  { weight: 5, arbitrary: answerMessage.map((m): [Json, AnswerWhy] => [m, 'unknown-handoff']) },
  { weight: 5, arbitrary: answerMessage.map((m): [Json, AnswerWhy] => [m, 'unknown-referral']) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(answerMessage, fc.integer({ min: 1, max: 200_000 }))
      .map(([m, size]): [Json, AnswerWhy] => [
        { ...m, reference: 'r'.repeat(201 + size), reason: 'x'.repeat(2001 + size) },
        'huge',
      ]),
  },
);

// Built once: a full-Unicode string arbitrary is costly to create.
const brokenText = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"messageId": "x", "format": "native", ',
    '[1,2',
    'null',
    '"x"',
    '[]',
    '42',
    'true',
    '{"a":1}{"b":2}',
    '\uFEFF{}',
    'NaN',
    '{"a":1e999999}',
    '\u0000',
  ),
  fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1))),
  junk.map((j) => JSON.stringify(j) ?? 'undefined'),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
);

/** One draft: mostly near-valid referrals and answers, some broken bytes, some resends of earlier drafts. */
export const drafts: fc.Arbitrary<Draft> = fc.oneof(
  {
    weight: 50,
    arbitrary: fc
      .tuple(referralFlaw, headers)
      .map(([[message, why], h]): Draft => ({ t: 'referral', message, why, headers: h })),
  },
  {
    weight: 30,
    arbitrary: fc
      .tuple(answerFlaw, headers)
      .map(([[message, why], h]): Draft => ({ t: 'answer', message, why, headers: h })),
  },
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        fc.constantFrom<'referrals' | 'responses'>('referrals', 'responses'),
        fc.oneof({ weight: 9, arbitrary: brokenText }, { weight: 1, arbitrary: fc.constant(null) }),
        fc.boolean(),
      )
      .map(([topic, value, binary]): Draft => ({ t: 'raw', topic, value, binary: binary && value !== null })),
  },
  {
    weight: 12,
    arbitrary: fc.record({ of: fc.nat(), changed: fc.boolean() }).map((r): Draft => ({ t: 'resend', ...r })),
  },
);

export const handoffTargets: readonly HandoffTarget[] = HANDOFF_TARGETS;
